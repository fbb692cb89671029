import { Injectable } from '@nestjs/common';
import { DomainError, PROGRAMME_HISTORY_ACTIONS, programmeHistoryFor, programmeHistoryViewerOf, type Principal } from '@lena/domain';
import { AuditQueryService } from '../audit/audit-query.service';
import type { Programme, ProgrammeHistoryEntry } from './dtos/programme.type';

const HISTORY_ACTIONS = Object.keys(PROGRAMME_HISTORY_ACTIONS);

/**
 * Each programme's history, from the audit log: its lifecycle's steps as they were audited, shown
 * as the domain decides for the person reading (`programmeHistoryFor`).
 */
@Injectable()
export class ProgrammeHistoryService {
  constructor(private readonly auditQuery: AuditQueryService) {}

  /**
   * The histories of programmes the principal has already been allowed to read, in one statement;
   * FORBIDDEN in place of each one whose history they may not see (a participant's).
   */
  async historiesOf(principal: Principal, programmes: readonly Programme[]): Promise<(ProgrammeHistoryEntry[] | DomainError)[]> {
    const viewers = programmes.map((programme) =>
      programmeHistoryViewerOf(principal, { tenantId: programme.tenantId, facilitatorIds: programme.facilitators.map((f) => f.userId) }),
    );
    const visible = programmes.filter((_, index) => viewers[index]);
    const events = await this.auditQuery.eventsOfTargets(
      'programme',
      visible.map((programme) => ({ tenantId: programme.tenantId, targetId: programme.id })),
      HISTORY_ACTIONS,
    );
    return programmes.map((programme, index) => {
      const viewer = viewers[index];
      return viewer ? programmeHistoryFor(viewer, events.get(programme.id) ?? []) : DomainError.forbidden();
    });
  }
}
