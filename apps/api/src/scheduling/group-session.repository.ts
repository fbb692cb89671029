import { Injectable } from '@nestjs/common';
import type { AgendaAudience, AgendaCursor, DeliveryMode, GroupSessionStatus, ServiceType } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { AgendaSession } from './dtos/agenda.type';

interface AgendaSessionRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  programme_id: string;
  title: string;
  service_type: ServiceType;
  sequence: number;
  starts_at: Date;
  ends_at: Date;
  status: GroupSessionStatus;
  status_reason: string | null;
  delivery_mode: DeliveryMode;
  video_link: string | null;
  location: string | null;
  time_zone: string;
  enrolled_count: number;
  calendar_sequence: number;
}

/** One window of someone's sessions: those overlapping [from, to), after `after`, at most `limit`. */
export interface AgendaWindow {
  from: Date;
  to: Date;
  after: AgendaCursor | null;
  limit: number;
}

// Everything a page shows, in one statement whatever the page size: the programme and the
// organisation by join, the enrolled count by a correlated count on enrolment's primary key.
// Never a participant's name: nothing here reads user_account.
const AGENDA_COLUMNS = `s.id, s.tenant_id, t.name AS tenant_name, s.programme_id, p.title, p.service_type, s.sequence, s.starts_at, s.ends_at,
       s.status, s.status_reason, p.delivery_mode, p.video_link, p.location, p.time_zone, s.calendar_sequence,
       (SELECT count(*)::int FROM enrolment e WHERE e.tenant_id = s.tenant_id AND e.programme_id = s.programme_id) AS enrolled_count`;

const AGENDA_WINDOW = `s.ends_at > $2 AND s.starts_at < $3 AND ($4::timestamptz IS NULL OR (s.starts_at, s.id) > ($4::timestamptz, $5::uuid))
 ORDER BY s.starts_at, s.id
 LIMIT $6`;

/**
 * A facilitator's sessions: those of the programmes they are assigned to, in every organisation.
 * The unit of work acts in no tenant, so PostgreSQL's `assigned_facilitators` policy is what lets
 * these rows through, and the join on the assignment says the same in SQL. Exported for the
 * benchmark's bare baseline, which must run the same statement.
 */
export const FACILITATOR_AGENDA_SQL = `SELECT ${AGENDA_COLUMNS}
  FROM programme_facilitator pf
  JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id
  JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
  JOIN tenant t ON t.id = s.tenant_id
 WHERE pf.user_id = $1 AND ${AGENDA_WINDOW}`;

/**
 * A participant's sessions in the organisation they act in: those of the programmes they are
 * enrolled in that start after they joined (a later joiner to an open group is added to future
 * sessions only: the domain's sessionsForNewMember rule).
 */
const PARTICIPANT_AGENDA_SQL = `SELECT ${AGENDA_COLUMNS}
  FROM enrolment en
  JOIN group_session s ON s.tenant_id = en.tenant_id AND s.programme_id = en.programme_id AND s.starts_at > en.enrolled_at
  JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
  JOIN tenant t ON t.id = s.tenant_id
 WHERE en.tenant_id = $7 AND en.user_id = $1 AND ${AGENDA_WINDOW}`;

// One session by id, from the same joins as the agenda, so it answers only for a session that
// person's agenda could list.
const FACILITATOR_SESSION_SQL = `SELECT ${AGENDA_COLUMNS}
  FROM programme_facilitator pf
  JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id
  JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
  JOIN tenant t ON t.id = s.tenant_id
 WHERE pf.user_id = $1 AND s.id = $2`;

const PARTICIPANT_SESSION_SQL = `SELECT ${AGENDA_COLUMNS}
  FROM enrolment en
  JOIN group_session s ON s.tenant_id = en.tenant_id AND s.programme_id = en.programme_id AND s.starts_at > en.enrolled_at
  JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
  JOIN tenant t ON t.id = s.tenant_id
 WHERE en.tenant_id = $3 AND en.user_id = $1 AND s.id = $2`;

/** Group sessions as the people attending them see them. */
@Injectable()
export class GroupSessionRepository {
  /** One session on the person's agenda, or null when it is not theirs to see (or does not exist). */
  async agendaSession(audience: AgendaAudience, sessionId: string): Promise<AgendaSession | null> {
    const rows =
      audience.kind === 'FACILITATOR'
        ? await requestContext().uow.query<AgendaSessionRow>(FACILITATOR_SESSION_SQL, [audience.userId, sessionId])
        : await requestContext().uow.query<AgendaSessionRow>(PARTICIPANT_SESSION_SQL, [audience.userId, sessionId, audience.tenantId]);
    return rows[0] ? toAgendaSession(rows[0]) : null;
  }

  async agenda(audience: AgendaAudience, window: AgendaWindow): Promise<AgendaSession[]> {
    const params: unknown[] = [audience.userId, window.from, window.to, window.after?.startsAt ?? null, window.after?.id ?? null, window.limit];
    const rows =
      audience.kind === 'FACILITATOR'
        ? await requestContext().uow.query<AgendaSessionRow>(FACILITATOR_AGENDA_SQL, params)
        : await requestContext().uow.query<AgendaSessionRow>(PARTICIPANT_AGENDA_SQL, [...params, audience.tenantId]);
    return rows.map(toAgendaSession);
  }
}

export function toAgendaSession(row: AgendaSessionRow): AgendaSession {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    programmeId: row.programme_id,
    programmeTitle: row.title,
    serviceType: row.service_type,
    sequence: row.sequence,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    statusReason: row.status_reason,
    deliveryMode: row.delivery_mode,
    videoLink: row.video_link,
    location: row.location,
    timeZone: row.time_zone,
    enrolledCount: row.enrolled_count,
    calendarSequence: row.calendar_sequence,
  };
}
