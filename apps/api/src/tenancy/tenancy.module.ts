import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { MemberRepository } from './member.repository';
import { MemberResolver } from './member.resolver';
import { MemberService } from './member.service';
import { TeamRepository } from './team.repository';
import { TeamResolver } from './team.resolver';
import { TeamService } from './team.service';
import { TenancyLoaderFactory } from './tenancy.loaders';
import { TenantRepository } from './tenant.repository';
import { TenantResolver } from './tenant.resolver';
import { TenantService } from './tenant.service';

@Module({
  imports: [AuditModule, SessionsModule],
  providers: [MemberRepository, MemberResolver, MemberService, TeamRepository, TeamResolver, TeamService, TenancyLoaderFactory, TenantRepository, TenantResolver, TenantService],
  exports: [MemberService, TeamService, TenancyLoaderFactory, TenantService],
})
export class TenancyModule {}
