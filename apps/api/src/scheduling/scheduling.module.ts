import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AgendaResolver } from './agenda.resolver';
import { AgendaService } from './agenda.service';
import { AvailabilityRepository } from './availability.repository';
import { AvailabilityResolver } from './availability.resolver';
import { AvailabilityService } from './availability.service';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { GroupSessionRepository } from './group-session.repository';

/**
 * When sessions happen: facilitators' availability, the sessions each person attends (their
 * agenda) and the private calendar feeds that publish them.
 */
@Module({
  imports: [AuditModule],
  controllers: [CalendarFeedController],
  providers: [
    AvailabilityRepository,
    AvailabilityResolver,
    AvailabilityService,
    GroupSessionRepository,
    AgendaService,
    AgendaResolver,
    CalendarFeedRepository,
    CalendarFeedService,
  ],
  exports: [AvailabilityService],
})
export class SchedulingModule {}
