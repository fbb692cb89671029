import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, findAvailabilityConflicts, previewStoredSeries, ProgrammeLimits, type ProposeProgramme, type ScheduledSession } from '@lena/domain';
import { FacilitatorService } from '../facilitators/facilitator.service';
import { AvailabilityService } from '../scheduling/availability.service';
import { BusyTimeRepository, type BusyTime } from './busy-time.repository';
import type { FacilitatorRole } from './dtos/programme-enums';
import type { ProgrammeConflict } from './dtos/programme.type';
import { ProgrammeRepository } from './programme.repository';

/** Marks the made-up id of a session its programme's series will have once expanded. */
const UNEXPANDED = 'unexpanded:';

export interface ChosenFacilitator {
  userId: string;
  displayName: string;
  role: FacilitatorRole;
}

export interface ConflictCheck {
  /** The organisation being worked in: only its sessions are named in a clash. */
  tenantId: string;
  tenantName: string;
  /** The programme being scheduled: its own sessions never clash with it. */
  programmeId: string;
  facilitators: readonly ChosenFacilitator[];
  sessions: readonly ScheduledSession[];
  /** The zone the messages give times in: the programme's own. */
  timeZone: string;
}

/**
 * Checks a proposed schedule against every chosen facilitator's working hours, time off and
 * sessions in every organisation (`findAvailabilityConflicts`). A clash with another
 * organisation's session is described by its times alone: its organisation and programme are
 * named only when the transaction may read them (the organisation being worked in).
 */
@Injectable()
export class ProgrammeConflictService {
  constructor(
    private readonly facilitators: FacilitatorService,
    private readonly availability: AvailabilityService,
    private readonly busyTimes: BusyTimeRepository,
    private readonly programmes: ProgrammeRepository,
  ) {}

  /** The lead and co-facilitators, each an active facilitator, else BAD_USER_INPUT on their field. */
  async chosenFacilitators(proposal: Pick<ProposeProgramme, 'leadFacilitatorId' | 'coFacilitatorIds'>): Promise<ChosenFacilitator[]> {
    const chosen = [
      { userId: proposal.leadFacilitatorId, role: 'LEAD' as const, field: 'leadFacilitatorId' },
      ...proposal.coFacilitatorIds.map((userId, index) => ({ userId, role: 'CO_FACILITATOR' as const, field: `coFacilitatorIds.${index}` })),
    ];
    const found: ChosenFacilitator[] = [];
    for (const { userId, role, field } of chosen) {
      const facilitator = await this.facilitators.get(userId).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
        throw error;
      });
      if (!facilitator || !facilitator.active) {
        const message = facilitator ? `${facilitator.displayName} is deactivated and cannot run sessions. Choose another facilitator.` : 'Choose a facilitator from the list.';
        throw DomainError.badInput(message, [{ field, message }]);
      }
      found.push({ userId, displayName: facilitator.displayName, role });
    }
    return found;
  }

  /**
   * The sessions of the facilitators' programmes that are proposed or accepted but not yet expanded
   * into rows, from the same expansion the worker will store: without them two proposals could
   * book one facilitator twice before either had sessions. They have no session id yet.
   */
  private async unexpandedSessions(userIds: readonly string[], from: Date, to: Date): Promise<BusyTime[]> {
    const series = await this.busyTimes.pendingSeries(userIds);
    return series.flatMap((pending) =>
      previewStoredSeries(pending, ProgrammeLimits.maxSessions)
        .filter((session) => Date.parse(session.startsAt) < to.getTime() && Date.parse(session.endsAt) > from.getTime())
        .map((session) => ({
          userId: pending.userId,
          sessionId: `${UNEXPANDED}${pending.programmeId}/${session.sequence}`,
          tenantId: pending.tenantId,
          programmeId: pending.programmeId,
          startsAt: new Date(session.startsAt),
          endsAt: new Date(session.endsAt),
        })),
    );
  }

  async find(check: ConflictCheck): Promise<ProgrammeConflict[]> {
    const { sessions } = check;
    const first = sessions[0];
    const last = sessions.at(-1);
    if (!first || !last) return [];
    const from = new Date(first.startsAt);
    const to = new Date(last.endsAt);
    const userIds = check.facilitators.map((facilitator) => facilitator.userId);
    const busy = [...(await this.busyTimes.forFacilitators(userIds, from, to)), ...(await this.unexpandedSessions(userIds, from, to))].filter(
      (session) => session.programmeId !== check.programmeId,
    );
    const ownProgrammeIds = [...new Set(busy.filter((session) => session.tenantId === check.tenantId).map((session) => session.programmeId))];
    const titles = await this.programmes.titlesOf(check.tenantId, ownProgrammeIds);

    const conflicts: ProgrammeConflict[] = [];
    for (const facilitator of check.facilitators) {
      const availability = await this.availability.get(facilitator.userId);
      const found = findAvailabilityConflicts({
        proposed: sessions,
        displayTimeZone: check.timeZone,
        facilitator: {
          name: facilitator.displayName,
          timeZone: availability.timeZone,
          // No hours saved yet means none to be outside of.
          workingHours: availability.workingHours.length ? availability.workingHours : null,
          timeOff: availability.timeOff,
          bookedSessions: busy
            .filter((session) => session.userId === facilitator.userId)
            .map((session) => {
              const title = session.tenantId === check.tenantId ? titles.get(session.programmeId) : undefined;
              return {
                sessionId: session.sessionId,
                startsAt: session.startsAt,
                endsAt: session.endsAt,
                visibleToViewer: title !== undefined,
                tenantName: title === undefined ? '' : check.tenantName,
                programmeTitle: title ?? '',
              };
            }),
        },
      });
      for (const conflict of found) {
        const session = sessions[conflict.proposedIndex]!;
        conflicts.push({
          sequence: session.sequence,
          sessionStartsAt: session.startsAt,
          sessionEndsAt: session.endsAt,
          facilitatorId: facilitator.userId,
          facilitatorName: facilitator.displayName,
          kind: conflict.kind,
          message: conflict.message,
          clash: conflict.clash
            ? {
                startsAt: conflict.clash.startsAt,
                endsAt: conflict.clash.endsAt,
                sessionId: conflict.clash.sessionId && !conflict.clash.sessionId.startsWith(UNEXPANDED) ? conflict.clash.sessionId : null,
                tenantName: conflict.clash.tenantName ?? null,
                programmeTitle: conflict.clash.programmeTitle ?? null,
              }
            : null,
        });
      }
    }
    return conflicts.sort((a, b) => a.sequence - b.sequence);
  }
}
