import { forwardRef, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MemberResolver } from './member.resolver';
import { MemberService } from './member.service';
import { TeamResolver } from './team.resolver';
import { TeamService } from './team.service';
import { TenantResolver } from './tenant.resolver';
import { TenantService } from './tenant.service';

@Module({
  imports: [AuditModule, forwardRef(() => IdentityModule)],
  providers: [MemberResolver, MemberService, TeamResolver, TeamService, TenantResolver, TenantService],
  exports: [TenantService],
})
export class TenancyModule {}
