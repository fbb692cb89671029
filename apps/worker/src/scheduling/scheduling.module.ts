import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ExpandProgrammeSeriesJob } from './expand-programme-series.job';
import { ProgrammeProgressRepository } from './programme-progress.repository';
import { ReminderRepository } from './reminder.repository';
import { SeriesRepository } from './series.repository';
import { SessionCalendarRepository } from './session-calendar.repository';
import { EnrolmentInvitationService } from './services/enrolment-invitation.service';
import { ReminderSendingService } from './services/reminder-sending.service';
import { SchedulingSweepService } from './services/scheduling-sweep.service';
import { SeriesExpansionService } from './services/series-expansion.service';
import { SessionCalendarService } from './services/session-calendar.service';
import { SweepSchedulingJob } from './sweep-scheduling.job';
import { SweepTenantSchedulingJob } from './sweep-tenant-scheduling.job';

/** Programmes' series expanded into sessions, their invitations, calendar updates and reminders, and programmes moving on as their sessions are held (the scheduling queue). */
@Module({
  imports: [DeliveryModule, NotificationsModule],
  providers: [
    SeriesRepository,
    ReminderRepository,
    ProgrammeProgressRepository,
    SessionCalendarRepository,
    SeriesExpansionService,
    SessionCalendarService,
    ReminderSendingService,
    EnrolmentInvitationService,
    SchedulingSweepService,
    ExpandProgrammeSeriesJob,
    SweepSchedulingJob,
    SweepTenantSchedulingJob,
  ],
})
export class SchedulingModule {}
