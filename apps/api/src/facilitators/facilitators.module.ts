import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FacilitatorRepository } from './facilitator.repository';
import { FacilitatorResolver } from './facilitator.resolver';
import { FacilitatorService } from './facilitator.service';

/** Provider staff who run groups: their profiles, and platform admins activating them. */
@Module({
  imports: [AuditModule, SessionsModule],
  providers: [FacilitatorRepository, FacilitatorResolver, FacilitatorService],
  exports: [FacilitatorService],
})
export class FacilitatorsModule {}
