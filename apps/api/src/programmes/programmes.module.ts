import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FacilitatorsModule } from '../facilitators/facilitators.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { BusyTimeRepository } from './busy-time.repository';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentResolver } from './enrolment.resolver';
import { EnrolmentService } from './enrolment.service';
import { NeedsAssessmentRepository } from './needs-assessment.repository';
import { NeedsAssessmentResolver } from './needs-assessment.resolver';
import { NeedsAssessmentService } from './needs-assessment.service';
import { ProgrammeConflictService } from './programme-conflict.service';
import { ProgrammeHistoryService } from './programme-history.service';
import { ProgrammeSessionRepository } from './programme-session.repository';
import { ProgrammeSessionResolver } from './programme-session.resolver';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeResolver } from './programme.resolver';
import { ProgrammeService } from './programme.service';
import { ProgrammesLoaderFactory } from './programmes.loaders';
import { SessionEditService } from './session-edit.service';

/** What an organisation buys: needs assessments, programmes from request to completion, their sessions, and who is enrolled. */
@Module({
  imports: [AuditModule, FacilitatorsModule, NotificationsModule, SchedulingModule, TenancyModule],
  providers: [
    BusyTimeRepository,
    EnrolmentRepository,
    EnrolmentResolver,
    EnrolmentService,
    NeedsAssessmentRepository,
    NeedsAssessmentResolver,
    NeedsAssessmentService,
    ProgrammeConflictService,
    ProgrammeHistoryService,
    ProgrammeRepository,
    ProgrammeResolver,
    ProgrammeService,
    ProgrammesLoaderFactory,
    ProgrammeSessionRepository,
    ProgrammeSessionResolver,
    SessionEditService,
  ],
  exports: [ProgrammesLoaderFactory],
})
export class ProgrammesModule {}
