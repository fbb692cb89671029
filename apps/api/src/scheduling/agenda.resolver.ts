import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { AgendaService } from './agenda.service';
import { CalendarFeedService } from './calendar-feed.service';
import { AgendaPage } from './dtos/agenda.type';
import { CalendarSubscription, NewCalendarSubscription } from './dtos/calendar-subscription.type';

/** Everyone who attends sessions: facilitators (across organisations) and the people enrolled. */
const ATTENDEES = [PlatformRole.FACILITATOR, TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT] as const;

@Resolver()
export class AgendaResolver {
  constructor(
    private readonly agenda: AgendaService,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  @Roles(...ATTENDEES)
  @Query(() => AgendaPage, {
    description: 'The signed-in person’s group sessions overlapping [from, to), soonest first: a facilitator’s in every organisation, anyone else’s where they act.',
  })
  myGroupSessions(
    @CurrentPrincipal() principal: Principal,
    @Args('from', { description: 'An ISO 8601 date and time with its offset.' }) from: string,
    @Args('to', { description: 'An ISO 8601 date and time with its offset.' }) to: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AgendaPage> {
    return this.agenda.page(principal, { from, to, first, after });
  }

  @Roles(...ATTENDEES)
  @Query(() => String, { description: 'One of the signed-in person’s group sessions as an iCalendar file (text/calendar) to add to their calendar.' })
  groupSessionCalendarFile(@CurrentPrincipal() principal: Principal, @Args('sessionId', { type: () => ID }) sessionId: string): Promise<string> {
    return this.agenda.calendarFile(principal, sessionId);
  }

  @Roles(...ATTENDEES)
  @Query(() => CalendarSubscription, { nullable: true, description: 'The signed-in person’s live calendar subscription, if they have one.' })
  calendarSubscription(@CurrentPrincipal() principal: Principal): Promise<CalendarSubscription | null> {
    return this.calendarFeeds.current(principal);
  }

  @Roles(...ATTENDEES)
  @Mutation(() => NewCalendarSubscription, { description: 'Makes a new private calendar address; the previous one stops working.' })
  createCalendarSubscription(@CurrentPrincipal() principal: Principal): Promise<NewCalendarSubscription> {
    return this.calendarFeeds.create(principal);
  }

  @Roles(...ATTENDEES)
  @Mutation(() => Boolean, { description: 'Stops the private calendar address working.' })
  revokeCalendarSubscription(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    return this.calendarFeeds.revoke(principal);
  }
}
