import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { MyMeasuresProgramme } from './dtos/my-measures.type';
import { MyMeasuresService } from './my-measures.service';

/** Org admins can be enrolled in a group too: their own measures are theirs as anyone’s are. */
const MEMBERS = [TenantRole.PARTICIPANT, TenantRole.ORG_ADMIN] as const;

@Resolver()
export class MyMeasuresResolver {
  constructor(private readonly measures: MyMeasuresService) {}

  @Roles(...MEMBERS)
  @Query(() => [MyMeasuresProgramme], {
    description: 'The signed-in person’s own outcome scores in each of their programmes in this organisation, with a plain-English reading. Nobody else can read them.',
  })
  myMeasures(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string): Promise<MyMeasuresProgramme[]> {
    return this.measures.mine(principal, tenantId);
  }

  @Roles(...MEMBERS)
  @Mutation(() => Boolean, {
    description: 'Unpairs the signed-in person’s outcome answers: none they have given can be paired with any they give later, nor shown to them again. True when there were any.',
  })
  eraseMyOutcomePairing(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    return this.measures.eraseOwn(principal);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Boolean, { description: 'Unpairs a person’s outcome answers (an erasure request). True when they had any.' })
  eraseOutcomePairing(@Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    return this.measures.eraseFor(userId);
  }
}
