import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { requestContext } from '../common/request-context';
import type { Member } from './dtos/team.type';
import { MemberService } from './member.service';

/** The tenancy context's per-request loaders, as the GraphQL context carries them. */
export interface TenancyLoaders {
  /** A team's members by team id: the teams of one answer share one statement. */
  teamMembers: DataLoader<string, Member[]>;
}

/**
 * Builds fresh loaders for each GraphQL request (from the context factory, not a REQUEST-scoped
 * provider, which would rebuild every resolver per request). A loader's cache lives as long as
 * its request, so it never serves one person's rows to another.
 */
@Injectable()
export class TenancyLoaderFactory {
  constructor(private readonly members: MemberService) {}

  create(): TenancyLoaders {
    return {
      teamMembers: new DataLoader<string, Member[]>((teamIds) => {
        // Scoped by the principal's own organisation, as every tenancy read is; RLS checks it again.
        const tenantId = requestContext().requirePrincipal().tenantId;
        return tenantId ? this.members.listByTeams(tenantId, teamIds) : Promise.resolve(teamIds.map(() => []));
      }),
    };
  }
}
