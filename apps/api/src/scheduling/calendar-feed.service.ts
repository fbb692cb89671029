import { Inject, Injectable } from '@nestjs/common';
import { agendaAudience, AuditAction, DomainError, type AgendaAudience, type Principal } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { hashOpaqueToken, newOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { agendaCalendar } from './agenda-calendar';
import { AgendaService } from './agenda.service';
import { CalendarFeedRepository } from './calendar-feed.repository';
import type { CalendarSubscription, NewCalendarSubscription } from './dtos/calendar-subscription.type';

/** The path a feed is served at; the token is the only secret in it. */
export const CALENDAR_FEED_PATH = '/calendar/';
/** 32 random bytes in base64url: what newOpaqueToken makes. Anything else is refused before a statement runs. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Private, revocable calendar subscriptions. The URL holds a 32-byte secret shown once, when the
 * feed is made; only its hash is kept. A facilitator's feed lists their sessions in every
 * organisation; a participant's lists their sessions in the organisation they made it in.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly agenda: AgendaService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(principal: Principal): Promise<CalendarSubscription | null> {
    const audience = this.audienceOf(principal);
    return this.feeds.findLive(audience.userId, tenantOf(audience));
  }

  /** A new URL; the one before, if any, stops working at once. */
  async create(principal: Principal): Promise<NewCalendarSubscription> {
    const audience = this.audienceOf(principal);
    const { token, hash } = newOpaqueToken();
    const feed = await this.feeds.replace(audience.userId, tenantOf(audience), hash);
    // A new secret address to someone's sessions is worth a line in the log (never the address).
    await this.audit.record({ action: AuditAction.CALENDAR_SUBSCRIPTION_CREATED, tenantId: tenantOf(audience), targetType: 'user_account', targetId: audience.userId });
    const portal = audience.kind === 'FACILITATOR' ? this.config.facilitatorPortalUrl : this.config.clientPortalUrl;
    return { ...feed, url: `${portal.replace(/\/$/, '')}${CALENDAR_FEED_PATH}${token}.ics` };
  }

  async revoke(principal: Principal): Promise<boolean> {
    const audience = this.audienceOf(principal);
    if (!(await this.feeds.revoke(audience.userId, tenantOf(audience)))) throw DomainError.notFound('Your calendar subscription');
    await this.audit.record({ action: AuditAction.CALENDAR_SUBSCRIPTION_REVOKED, tenantId: tenantOf(audience), targetType: 'user_account', targetId: audience.userId });
    return true;
  }

  /**
   * The feed for a presented file name (`<token>.ics`), or null for anything that is not a live
   * feed: unknown, revoked, or its owner can no longer see what it lists. Runs in a unit of work
   * acting for no one until the token names its owner, then for that person (and organisation), so
   * row-level security applies to the feed exactly as to their own requests.
   */
  async render(fileName: string): Promise<string | null> {
    const token = fileName.endsWith('.ics') ? fileName.slice(0, -'.ics'.length) : '';
    if (!FEED_TOKEN.test(token)) return null;
    const owner = await this.feeds.findOwner(hashOpaqueToken(token));
    if (!owner) return null;
    await requestContext().uow.actAs({ tenantId: owner.tenantId, userId: owner.userId });
    const audience: AgendaAudience =
      owner.tenantId === null ? { kind: 'FACILITATOR', userId: owner.userId } : { kind: 'PARTICIPANT', userId: owner.userId, tenantId: owner.tenantId };
    return agendaCalendar(await this.agenda.forCalendarFeed(audience), 'Lena sessions');
  }

  private audienceOf(principal: Principal): AgendaAudience {
    const audience = agendaAudience(principal);
    if (!audience) throw DomainError.forbidden();
    return audience;
  }
}

function tenantOf(audience: AgendaAudience): string | null {
  return audience.kind === 'PARTICIPANT' ? audience.tenantId : null;
}
