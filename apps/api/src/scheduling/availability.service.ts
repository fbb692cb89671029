import { Injectable } from '@nestjs/common';
import { DomainError, parseInput, timeOffSchema, uuidSchema, workingHoursSchema } from '@lena/domain';
import { AvailabilityRepository } from './availability.repository';
import type { FacilitatorAvailability } from './dtos/availability.type';
import type { TimeOffInput, WorkingHoursInput } from './dtos/availability.inputs';

/**
 * When facilitators can run sessions. Facilitators keep their own; platform admins read anyone's
 * while they schedule. Proposing or moving a session checks against these.
 */
@Injectable()
export class AvailabilityService {
  constructor(private readonly availability: AvailabilityRepository) {}

  async get(userId: string): Promise<FacilitatorAvailability> {
    const found = uuidSchema.safeParse(userId).success ? await this.availability.find(userId) : null;
    if (!found) throw DomainError.notFound('That facilitator');
    return found;
  }

  async setWorkingHours(userId: string, input: WorkingHoursInput): Promise<FacilitatorAvailability> {
    const week = parseInput(workingHoursSchema, input);
    await this.get(userId);
    await this.availability.replaceWorkingHours(userId, week);
    return this.get(userId);
  }

  async addTimeOff(userId: string, input: TimeOffInput): Promise<FacilitatorAvailability> {
    const timeOff = parseInput(timeOffSchema, input);
    await this.get(userId);
    await this.availability.addTimeOff(userId, timeOff);
    return this.get(userId);
  }

  async removeTimeOff(userId: string, id: string): Promise<FacilitatorAvailability> {
    const removed = uuidSchema.safeParse(id).success && (await this.availability.removeTimeOff(userId, id));
    if (!removed) throw DomainError.notFound('That time off');
    return this.get(userId);
  }
}
