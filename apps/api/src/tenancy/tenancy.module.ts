import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { MemberResolver } from './member.resolver';
import { MemberService } from './member.service';
import { TeamResolver } from './team.resolver';
import { TeamService } from './team.service';
import { TenantResolver } from './tenant.resolver';
import { TenantService } from './tenant.service';

@Module({
  imports: [AuditModule, SessionsModule],
  providers: [MemberResolver, MemberService, TeamResolver, TeamService, TenantResolver, TenantService],
  exports: [TeamService, TenantService],
})
export class TenancyModule {}
