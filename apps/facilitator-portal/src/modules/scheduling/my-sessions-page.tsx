import { DateFormatter, getLocalTimeZone, isSameDay, parseAbsolute, startOfWeek, today, toCalendarDate, toZoned, type CalendarDate, type DateValue } from '@internationalized/date';
import { MyGroupSessionsDocument, serviceLabel, type AgendaSessionFieldsFragment } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { CalendarSubscriptionSection, QueryView } from '@lena/portal-kit';
import { Button, EmptyState, Link, Page, Section, Tag, viewerTimeZone, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';
import { Button as CalendarButton, Calendar, CalendarCell, CalendarGrid, Heading as CalendarHeading, I18nProvider, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';

type Session = AgendaSessionFieldsFragment;

const LOCALE = 'en-GB';
/** The agenda looks twelve weeks ahead; the API pages it 50 sessions at a time. */
const AGENDA_DAYS = 84;
const PAGE_SIZE = 50;

const deliveryLabel: Record<Session['deliveryMode'], string> = { ONLINE: 'Online', IN_PERSON: 'In person', HYBRID: 'In person and online' };

/** Formatters in the viewer's zone. */
function formattersFor(timeZone: string) {
  const day = new DateFormatter(LOCALE, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return {
    // "Thursday 18 March 2027": put together from its parts, as ICU versions differ on the comma.
    day: {
      format: (date: Date) => {
        const parts = Object.fromEntries(day.formatToParts(date).map((part) => [part.type, part.value]));
        return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
      },
    },
    time: new DateFormatter(LOCALE, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}
type Formatters = ReturnType<typeof formattersFor>;

/** The instant a calendar day starts in `timeZone`, as the API wants it. */
function startOf(day: CalendarDate, timeZone: string): string {
  return toZoned(day, timeZone).toDate().toISOString();
}

function dayOf(session: Session, timeZone: string): CalendarDate {
  return toCalendarDate(parseAbsolute(session.startsAt, timeZone));
}

function SessionSummary({ session, formatters }: { session: Session; formatters: Formatters }) {
  const cancelled = session.status === 'CANCELLED';
  return (
    <article className="lena-session" aria-label={`${session.programmeTitle}, session ${session.sequence}${cancelled ? ', cancelled' : ''}`}>
      <p className="lena-session__time">
        {formatters.time.format(new Date(session.startsAt))}–{formatters.time.format(new Date(session.endsAt))}
        {cancelled ? (
          <>
            {' '}
            <Tag tone="red">Cancelled</Tag>
          </>
        ) : null}
      </p>
      <h4 className="lena-session__title">
        <Link href={`/programmes/${session.programmeId}`}>{session.programmeTitle}</Link>: session {session.sequence}
      </h4>
      <p className="lena-session__detail">
        {session.tenantName} · {serviceLabel[session.serviceType]} · {session.enrolledCount} enrolled
      </p>
      {cancelled && session.statusReason ? <p className="lena-session__detail">Reason: {session.statusReason}</p> : null}
      {cancelled ? null : (
        <p className="lena-session__detail">
          <Link href={`/sessions/${session.id}`}>
            Run sheet, register and notes
            <VisuallyHidden>
              {' '}
              ({session.programmeTitle}, session {session.sequence})
            </VisuallyHidden>
          </Link>
        </p>
      )}
      <p className="lena-session__detail">
        {deliveryLabel[session.deliveryMode]}
        {session.location ? `: ${session.location}` : null}
        {session.videoLink && !cancelled ? (
          <>
            {' · '}
            <a href={session.videoLink} target="_blank" rel="noreferrer noopener">
              Join online{' '}
              <VisuallyHidden>
                ({session.programmeTitle}, session {session.sequence})
              </VisuallyHidden>
            </a>
          </>
        ) : null}
      </p>
    </article>
  );
}

/** Sessions grouped under their day, in the viewer's zone, soonest first. */
function groupByDay(sessions: readonly Session[], timeZone: string): { day: CalendarDate; sessions: Session[] }[] {
  const days: { day: CalendarDate; sessions: Session[] }[] = [];
  for (const session of sessions) {
    const day = dayOf(session, timeZone);
    const last = days.at(-1);
    if (last && isSameDay(last.day, day)) last.sessions.push(session);
    else days.push({ day, sessions: [session] });
  }
  return days;
}

function Agenda({ timeZone, formatters }: { timeZone: string; formatters: Formatters }) {
  const [from] = useState(() => today(timeZone));
  const result = useQuery(MyGroupSessionsDocument, { variables: { from: startOf(from, timeZone), to: startOf(from.add({ days: AGENDA_DAYS }), timeZone), first: PAGE_SIZE } });
  const [loadingMore, setLoadingMore] = useState(false);

  return (
    <QueryView result={result} loadingLabel="Loading your sessions">
      {({ myGroupSessions }) =>
        myGroupSessions.items.length === 0 ? (
          <EmptyState title="No sessions in the next twelve weeks" headingLevel={3}>
            <p>Sessions appear here once a programme you facilitate has been scheduled.</p>
          </EmptyState>
        ) : (
          <>
            <ol className="lena-agenda">
              {groupByDay(myGroupSessions.items, timeZone).map(({ day, sessions }) => (
                <li key={day.toString()} className="lena-agenda__day">
                  <h3 className="lena-agenda__date">{formatters.day.format(day.toDate(timeZone))}</h3>
                  <ul className="lena-agenda__sessions">
                    {sessions.map((session) => (
                      <li key={session.id}>
                        <SessionSummary session={session} formatters={formatters} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            {myGroupSessions.nextCursor ? (
              <Button
                variant="secondary"
                busy={loadingMore}
                onClick={() => {
                  setLoadingMore(true);
                  void result
                    .fetchMore({
                      variables: { after: myGroupSessions.nextCursor },
                      updateQuery: (previous, { fetchMoreResult }) => ({
                        myGroupSessions: { ...fetchMoreResult.myGroupSessions, items: [...previous.myGroupSessions.items, ...fetchMoreResult.myGroupSessions.items] },
                      }),
                    })
                    .finally(() => setLoadingMore(false));
                }}
              >
                Show more sessions
              </Button>
            ) : null}
          </>
        )
      }
    </QueryView>
  );
}

function WeekView({ timeZone, formatters }: { timeZone: string; formatters: Formatters }) {
  const [chosen, setChosen] = useState<CalendarDate>(() => today(timeZone));
  const monday = startOfWeek(chosen, LOCALE);
  const days = Array.from({ length: 7 }, (_, index) => monday.add({ days: index }));
  const result = useQuery(MyGroupSessionsDocument, { variables: { from: startOf(monday, timeZone), to: startOf(monday.add({ weeks: 1 }), timeZone), first: 100 } });
  const weekLabel = `${formatters.day.format(monday.toDate(timeZone))} to ${formatters.day.format(monday.add({ days: 6 }).toDate(timeZone))}`;

  return (
    <div className="lena-week-view">
      <div className="lena-week-view__controls">
        <Calendar<DateValue> aria-label="Choose a week" className="lena-calendar" value={chosen} onChange={(value) => setChosen(toCalendarDate(value))}>
          <header className="lena-calendar__header">
            <CalendarButton slot="previous" className="lena-calendar__nav">
              {/* React Aria names the button ("Previous") in the page's language. */}
              <span aria-hidden="true">‹</span>
            </CalendarButton>
            <CalendarHeading className="lena-calendar__heading" />
            <CalendarButton slot="next" className="lena-calendar__nav">
              <span aria-hidden="true">›</span>
            </CalendarButton>
          </header>
          <CalendarGrid className="lena-calendar__grid">{(date) => <CalendarCell date={date} className="lena-calendar__cell" />}</CalendarGrid>
        </Calendar>
        <div className="lena-button-group">
          <Button variant="secondary" onClick={() => setChosen(chosen.subtract({ weeks: 1 }))}>
            Previous week
          </Button>
          <Button variant="secondary" onClick={() => setChosen(today(timeZone))}>
            This week
          </Button>
          <Button variant="secondary" onClick={() => setChosen(chosen.add({ weeks: 1 }))}>
            Next week
          </Button>
        </div>
      </div>
      <h3 className="lena-week-view__title" aria-live="polite">
        Week of {weekLabel}
      </h3>
      <QueryView result={result} loadingLabel="Loading the week">
        {({ myGroupSessions }) => (
          <ol className="lena-week" aria-label={`Week of ${weekLabel}`}>
            {days.map((day) => {
              const sessions = myGroupSessions.items.filter((session) => isSameDay(dayOf(session, timeZone), day));
              return (
                <li key={day.toString()} className="lena-week__day">
                  <h4 className="lena-week__date">{formatters.day.format(day.toDate(timeZone))}</h4>
                  {sessions.length === 0 ? (
                    <p className="lena-week__empty">No sessions</p>
                  ) : (
                    <ul className="lena-agenda__sessions">
                      {sessions.map((session) => (
                        <li key={session.id}>
                          <SessionSummary session={session} formatters={formatters} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </QueryView>
    </div>
  );
}

/**
 * A facilitator's sessions in every organisation they work for, in the viewer's own time zone:
 * an agenda of the weeks ahead, and a week at a time with a calendar to move about (React Aria's
 * Calendar and Tabs, which bring the keyboard and screen-reader behaviour).
 */
export function MySessionsPage({ timeZone = viewerTimeZone() || getLocalTimeZone() }: { timeZone?: string }) {
  const formatters = formattersFor(timeZone);
  return (
    <I18nProvider locale={LOCALE}>
      <Page title="My sessions" lead={`Your group sessions in every organisation you work with. Times are in ${timeZone}, your browser’s time zone.`}>
        <Tabs className="lena-tabs">
          <TabList aria-label="How to show your sessions" className="lena-tabs__list">
            <Tab id="agenda" className="lena-tabs__tab">
              Agenda
            </Tab>
            <Tab id="week" className="lena-tabs__tab">
              Week
            </Tab>
          </TabList>
          <TabPanel id="agenda" className="lena-tabs__panel">
            <Agenda timeZone={timeZone} formatters={formatters} />
          </TabPanel>
          <TabPanel id="week" className="lena-tabs__panel">
            <WeekView timeZone={timeZone} formatters={formatters} />
          </TabPanel>
        </Tabs>
        <Section title="Add your sessions to your calendar">
          <CalendarSubscriptionSection />
        </Section>
      </Page>
    </I18nProvider>
  );
}
