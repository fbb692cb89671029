import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { MemberResolver } from './member.resolver';
import { MemberService } from './member.service';
import { TeamResolver } from './team.resolver';
import { TeamService } from './team.service';
import { TenancyLoaderFactory } from './tenancy.loaders';
import { TenantResolver } from './tenant.resolver';
import { TenantService } from './tenant.service';

@Module({
  imports: [AuditModule, SessionsModule],
  providers: [MemberResolver, MemberService, TeamResolver, TeamService, TenancyLoaderFactory, TenantResolver, TenantService],
  exports: [TeamService, TenancyLoaderFactory, TenantService],
})
export class TenancyModule {}
