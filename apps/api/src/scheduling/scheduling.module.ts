import { Module } from '@nestjs/common';
import { AvailabilityRepository } from './availability.repository';
import { AvailabilityResolver } from './availability.resolver';
import { AvailabilityService } from './availability.service';

/** When sessions happen: facilitators' availability (and, next, series, sessions and conflicts). */
@Module({
  providers: [AvailabilityRepository, AvailabilityResolver, AvailabilityService],
  exports: [AvailabilityService],
})
export class SchedulingModule {}
