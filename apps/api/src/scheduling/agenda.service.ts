import { Injectable } from '@nestjs/common';
import {
  agendaAudience,
  agendaQuerySchema,
  calendarFeedWindow,
  DomainError,
  encodeAgendaCursor,
  MAX_CALENDAR_FEED_SESSIONS,
  parseInput,
  uuidSchema,
  type AgendaAudience,
  type Principal,
} from '@lena/domain';
import { agendaCalendar } from './agenda-calendar';
import type { AgendaPage, AgendaSession } from './dtos/agenda.type';
import { GroupSessionRepository } from './group-session.repository';

export interface AgendaRequest {
  from: string;
  to: string;
  first?: number | null;
  after?: string | null;
}

/**
 * The sessions someone attends: a facilitator's across every organisation, a participant's in the
 * organisation they act in. One statement per page, whatever its size.
 */
@Injectable()
export class AgendaService {
  constructor(private readonly sessions: GroupSessionRepository) {}

  async page(principal: Principal, request: AgendaRequest): Promise<AgendaPage> {
    const audience = agendaAudience(principal);
    if (!audience) throw DomainError.forbidden();
    const { from, to, first, after } = parseInput(agendaQuerySchema, { ...request, first: request.first ?? undefined });
    // One more than asked for tells whether there is a next page.
    const found = await this.sessions.agenda(audience, { from, to, after, limit: first + 1 });
    const items = found.slice(0, first);
    const last = items.at(-1);
    return { items, nextCursor: found.length > first && last ? encodeAgendaCursor({ startsAt: last.startsAt, id: last.id }) : null };
  }

  /**
   * One session of the person's agenda as a calendar file to add to their calendar app: the same
   * UID and SEQUENCE as the emails and the subscription use, so adding it twice, or from both, keeps
   * one event. Anyone else's session, in this organisation or another, is NOT_FOUND like a random id.
   */
  async calendarFile(principal: Principal, sessionId: string): Promise<string> {
    const audience = agendaAudience(principal);
    if (!audience) throw DomainError.forbidden();
    // A malformed id answers as a random one does: there is nothing to learn from either.
    const session = uuidSchema.safeParse(sessionId).success ? await this.sessions.agendaSession(audience, sessionId) : null;
    if (!session) throw DomainError.notFound('Session');
    return agendaCalendar([session], session.programmeTitle);
  }

  /** What a calendar subscription lists now: recent and coming sessions, soonest first. */
  forCalendarFeed(audience: AgendaAudience, now = new Date()): Promise<AgendaSession[]> {
    return this.sessions.agenda(audience, { ...calendarFeedWindow(now), after: null, limit: MAX_CALENDAR_FEED_SESSIONS });
  }
}
