import {
  AcceptGroupAgreementDocument,
  GroupAgreementDocument,
  GroupSessionCalendarFileDocument,
  MyGroupSessionsDocument,
  MyProgrammesDocument,
  serviceLabel,
  type AgendaSessionFieldsFragment,
  type MyProgrammesQuery,
} from '@lena/graphql-client';
import { useApolloClient, useMutation, useQuery } from '@lena/graphql-client/react';
import { CalendarSubscriptionSection, QueryView } from '@lena/portal-kit';
import { Alert, Button, EmptyState, Page, Section, Tag, useOutcome, viewerTimeZone, VisuallyHidden, type Outcome } from '@lena/ui';
import { useState } from 'react';

type Session = AgendaSessionFieldsFragment;
type Programme = MyProgrammesQuery['myProgrammes'][number];

/** Twelve weeks ahead, the first 50 sessions: a participant rarely has more than a few. */
const AGENDA_DAYS = 84;
const PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

const deliveryLabel: Record<Session['deliveryMode'], string> = { ONLINE: 'Online', IN_PERSON: 'In person', HYBRID: 'In person and online' };

function dayLabel(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** Sessions under their day in the viewer's zone, soonest first. */
function groupByDay(sessions: readonly Session[], timeZone: string): { day: string; sessions: Session[] }[] {
  const days: { day: string; sessions: Session[] }[] = [];
  for (const session of sessions) {
    const day = dayLabel(session.startsAt, timeZone);
    const last = days.at(-1);
    if (last?.day === day) last.sessions.push(session);
    else days.push({ day, sessions: [session] });
  }
  return days;
}

/** Offers the text as a file download, as a link the browser follows. */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function AddToCalendar({ session, outcome }: { session: Session; outcome: Outcome }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      busy={busy}
      onClick={() => {
        setBusy(true);
        client
          .query({ query: GroupSessionCalendarFileDocument, variables: { sessionId: session.id }, fetchPolicy: 'no-cache' })
          .then(({ data }) => {
            if (data) download(`session-${session.sequence}.ics`, data.groupSessionCalendarFile);
          })
          .catch(() => outcome.error('We could not make the calendar file. Please try again.'))
          .finally(() => setBusy(false));
      }}
    >
      Add to calendar
      <VisuallyHidden>
        {' '}
        ({session.programmeTitle}, session {session.sequence})
      </VisuallyHidden>
    </Button>
  );
}

function SessionItem({ session, agreed, timeZone, outcome }: { session: Session; agreed: boolean; timeZone: string; outcome: Outcome }) {
  const cancelled = session.status === 'CANCELLED';
  return (
    <article className="lena-session" aria-label={`${session.programmeTitle}, session ${session.sequence}${cancelled ? ', cancelled' : ''}`}>
      <p className="lena-session__time">
        {clock(session.startsAt, timeZone)}–{clock(session.endsAt, timeZone)}
        {cancelled ? (
          <>
            {' '}
            <Tag tone="red">Cancelled</Tag>
          </>
        ) : null}
      </p>
      <h4 className="lena-session__title">
        {session.programmeTitle}: session {session.sequence}
      </h4>
      <p className="lena-session__detail">{serviceLabel[session.serviceType]}</p>
      {cancelled && session.statusReason ? <p className="lena-session__detail">Reason: {session.statusReason}</p> : null}
      {cancelled ? null : agreed ? (
        <>
          <p className="lena-session__detail">
            {deliveryLabel[session.deliveryMode]}
            {session.location ? `: ${session.location}` : null}
            {session.videoLink ? (
              <>
                {' · '}
                <a href={session.videoLink} target="_blank" rel="noreferrer noopener">
                  Join online
                  <VisuallyHidden>
                    {' '}
                    ({session.programmeTitle}, session {session.sequence})
                  </VisuallyHidden>
                </a>
              </>
            ) : null}
          </p>
          <AddToCalendar session={session} outcome={outcome} />
        </>
      ) : (
        <p className="lena-session__detail">Accept the group agreement above to see how to join.</p>
      )}
    </article>
  );
}

function Agreement({ programme, outcome }: { programme: Programme; outcome: Outcome }) {
  const result = useQuery(GroupAgreementDocument, { variables: { serviceType: programme.serviceType } });
  const [accept, { loading }] = useMutation(AcceptGroupAgreementDocument, { refetchQueries: [MyProgrammesDocument], awaitRefetchQueries: true });
  return (
    <QueryView result={result} loadingLabel="Loading the group agreement">
      {({ groupAgreement }) => (
        <section className="lena-agreement" aria-labelledby={`agreement-${programme.id}`}>
          <h3 id={`agreement-${programme.id}`}>{groupAgreement.title}</h3>
          <p>For {programme.title}.</p>
          <p>{groupAgreement.introduction}</p>
          <ol>
            {groupAgreement.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ol>
          <Button
            busy={loading}
            onClick={() => {
              accept({ variables: { programmeId: programme.id } }).then(
                () => outcome.success(`Thank you: you have accepted the group agreement for ${programme.title}.`),
                () => outcome.error('We could not record your acceptance. Please try again.'),
              );
            }}
          >
            I accept the group agreement<VisuallyHidden> for {programme.title}</VisuallyHidden>
          </Button>
        </section>
      )}
    </QueryView>
  );
}

function Agenda({ programmes, timeZone, outcome }: { programmes: readonly Programme[]; timeZone: string; outcome: Outcome }) {
  const [period] = useState(() => {
    const now = Date.now();
    return { from: new Date(now).toISOString(), to: new Date(now + AGENDA_DAYS * DAY_MS).toISOString() };
  });
  const result = useQuery(MyGroupSessionsDocument, { variables: { ...period, first: PAGE_SIZE } });
  const agreed = new Set(programmes.filter((programme) => programme.myEnrolment?.agreementCurrent).map((programme) => programme.id));
  return (
    <QueryView result={result} loadingLabel="Loading your sessions">
      {({ myGroupSessions }) =>
        myGroupSessions.items.length === 0 ? (
          <EmptyState title="No sessions in the next twelve weeks" headingLevel={3}>
            <p>Your sessions appear here once a programme you are enrolled in has been scheduled.</p>
          </EmptyState>
        ) : (
          <ol className="lena-agenda">
            {groupByDay(myGroupSessions.items, timeZone).map(({ day, sessions }) => (
              <li key={day} className="lena-agenda__day">
                <h3 className="lena-agenda__date">{day}</h3>
                <ul className="lena-agenda__sessions">
                  {sessions.map((session) => (
                    <li key={session.id}>
                      <SessionItem session={session} agreed={agreed.has(session.programmeId)} timeZone={timeZone} outcome={outcome} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )
      }
    </QueryView>
  );
}

/**
 * A participant's coming sessions in their organisation, in their own time zone: how to join, a
 * calendar file for each, their private calendar address, and the group agreement, which the page
 * asks for until it is accepted. It names nobody else in the group.
 */
export function MySessionsPage({ timeZone = viewerTimeZone() }: { timeZone?: string }) {
  const outcome = useOutcome();
  const programmes = useQuery(MyProgrammesDocument, { variables: { previewCount: 1 } });
  return (
    <Page title="My sessions" lead={`Your coming group sessions. Times are in ${timeZone}, your browser’s time zone.`}>
      {outcome.banner}
      <QueryView result={programmes} loadingLabel="Loading your programmes">
        {({ myProgrammes }) => {
          const waiting = myProgrammes.filter((programme) => programme.myEnrolment && !programme.myEnrolment.agreementCurrent && programme.status !== 'CANCELLED');
          return (
            <>
              {waiting.length > 0 ? (
                <Section title="Before your first session">
                  <Alert tone="warning" title="Please read and accept the group agreement">
                    <p>Everyone in the group agrees to the same ground rules, so that it is a safe place to speak.</p>
                  </Alert>
                  {waiting.map((programme) => (
                    <Agreement key={programme.id} programme={programme} outcome={outcome} />
                  ))}
                </Section>
              ) : null}
              <Section title="Coming up">
                <Agenda programmes={myProgrammes} timeZone={timeZone} outcome={outcome} />
              </Section>
            </>
          );
        }}
      </QueryView>
      <Section title="Add all your sessions to your calendar">
        <CalendarSubscriptionSection />
      </Section>
    </Page>
  );
}
