import { Injectable } from '@nestjs/common';
import { FacilitatorProfileEntity, FacilitatorTimeOffEntity, FacilitatorWorkingHoursEntity } from '@lena/database';
import type { TimeOff as TimeOffValues, WorkingHours } from '@lena/domain';
import { MoreThan } from 'typeorm';
import { requestContext } from '../common/request-context';
import type { FacilitatorAvailability, TimeOff } from './dtos/availability.type';

/**
 * Facilitators' working hours and time off: platform rows (a facilitator works for every
 * organisation), so every method names the facilitator and the service decides whose they are.
 */
@Injectable()
export class AvailabilityRepository {
  /** Null when the person has no facilitator profile. */
  async find(userId: string): Promise<FacilitatorAvailability | null> {
    const manager = await requestContext().uow.manager();
    const profile = await manager.findOne(FacilitatorProfileEntity, { where: { userId }, select: { userId: true, timeZone: true } });
    if (!profile) return null;
    const [spans, timeOff] = await Promise.all([
      manager.find(FacilitatorWorkingHoursEntity, { where: { userId }, order: { isoWeekday: 'ASC', startsLocal: 'ASC' } }),
      manager.find(FacilitatorTimeOffEntity, { where: { userId, endsAt: MoreThan(new Date()) }, order: { startsAt: 'ASC' } }),
    ]);
    return {
      userId,
      timeZone: profile.timeZone,
      workingHours: spans.map((span) => ({ isoWeekday: span.isoWeekday, startsLocal: toHoursAndMinutes(span.startsLocal), endsLocal: toHoursAndMinutes(span.endsLocal) })),
      timeOff: timeOff.map(toTimeOff),
    };
  }

  /**
   * Replaces the whole week. The profile row is locked first, so two saves at once apply one after
   * the other instead of colliding on the spans' key.
   */
  async replaceWorkingHours(userId: string, { timeZone, spans }: WorkingHours): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.findOne(FacilitatorProfileEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
    await manager.update(FacilitatorProfileEntity, { userId }, { timeZone, updatedAt: () => 'now()' });
    await manager.delete(FacilitatorWorkingHoursEntity, { userId });
    if (spans.length)
      await manager.insert(
        FacilitatorWorkingHoursEntity,
        spans.map((span) => ({ userId, ...span })),
      );
  }

  async addTimeOff(userId: string, values: TimeOffValues): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.insert(FacilitatorTimeOffEntity, { userId, ...values });
  }

  /** False when the facilitator has no such time off (someone else's id answers the same). */
  async removeTimeOff(userId: string, id: string): Promise<boolean> {
    const manager = await requestContext().uow.manager();
    const { affected } = await manager.delete(FacilitatorTimeOffEntity, { id, userId });
    return (affected ?? 0) > 0;
  }
}

/** PostgreSQL's `time` reads as HH:MM:SS; the API speaks HH:MM. */
function toHoursAndMinutes(time: string): string {
  return time.slice(0, 5);
}

function toTimeOff(row: FacilitatorTimeOffEntity): TimeOff {
  return { id: row.id, startsAt: row.startsAt, endsAt: row.endsAt, note: row.note };
}
