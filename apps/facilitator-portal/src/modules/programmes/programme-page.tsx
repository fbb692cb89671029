import { ProgrammeDocument, type ProgrammeFieldsFragment } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { FeedbackResultsSection, ProgrammeHistorySection, ProgrammeOutcomesSection, QueryView, useViewer } from '@lena/portal-kit';
import { ButtonLink, Link, Page, Section, SummaryList, viewerTimeZone } from '@lena/ui';
import { useParams } from 'react-router';
import { isPlatformAdmin } from '../../app/roles.js';
import { deliveryModeLabel, membershipLabel, sessionTimeText } from './programme-labels.js';
import { ProgrammeSessions } from './programme-sessions.js';
import { ProgrammeSummary } from './programme-summary.js';

/** Every session of a programme: the API previews the stored series, at most this many. */
const ALL_SESSIONS = 104;

/** Once accepted, a programme's sessions are stored (and may be moved); before, its schedule is a preview. */
const HAS_SESSIONS: readonly ProgrammeFieldsFragment['status'][] = ['ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

function ProgrammeDetails({ programme, admin, facilitates }: { programme: ProgrammeFieldsFragment; admin: boolean; facilitates: boolean }) {
  const viewerZone = viewerTimeZone();
  const sessions = programme.schedulePreview.slice(0, programme.numberOfSessions);
  return (
    <>
      <Section title="Details">
        <SummaryList
          rows={[
            { key: 'cadence', label: 'How often', value: programme.cadenceSummary ?? '—' },
            { key: 'times', label: programme.startTimes.length > 1 ? 'Rotating start times' : 'Start time', value: programme.startTimes.join(', ') || '—' },
            { key: 'length', label: 'Session length', value: `${programme.sessionLengthMinutes} minutes` },
            { key: 'zone', label: 'Time zone', value: programme.timeZone },
            { key: 'delivery', label: 'Delivery', value: deliveryModeLabel[programme.deliveryMode] },
            ...(programme.videoLink ? [{ key: 'link', label: 'Video link', value: programme.videoLink }] : []),
            ...(programme.location ? [{ key: 'location', label: 'Location', value: programme.location }] : []),
            { key: 'group', label: 'Group size', value: `${programme.minGroupSize} to ${programme.maxGroupSize} (${programme.enrolledCount} enrolled)` },
            { key: 'membership', label: 'Membership', value: membershipLabel[programme.membership] },
            ...(programme.cancelledReason ? [{ key: 'cancelled', label: 'Reason for cancelling', value: programme.cancelledReason }] : []),
          ]}
        />
      </Section>
      <Section title="Facilitators">
        {programme.facilitators.length === 0 ? (
          <p>None yet: they are chosen when the programme is proposed.</p>
        ) : (
          <ul className="lena-list">
            {programme.facilitators.map((facilitator) => (
              <li key={facilitator.userId}>
                {facilitator.displayName} ({facilitator.role === 'LEAD' ? 'lead' : 'co-facilitator'})
              </li>
            ))}
          </ul>
        )}
      </Section>
      {HAS_SESSIONS.includes(programme.status) ? (
        <ProgrammeSessions
          programmeId={programme.id}
          timeZone={programme.timeZone}
          canChange={admin && programme.status !== 'CANCELLED' && programme.status !== 'COMPLETED'}
          canDeliver={facilitates}
        />
      ) : (
        <Section title="Schedule">
          {sessions.length === 0 ? (
            <p>No schedule yet.</p>
          ) : (
            <>
              <p className="lena-muted">
                In the programme’s time zone, {programme.timeZone}
                {viewerZone !== programme.timeZone ? `, and in yours, ${viewerZone}` : ''}.
              </p>
              <ol className="lena-list" aria-label="Sessions">
                {sessions.map((session) => (
                  <li key={session.sequence}>
                    Session {session.sequence}: {sessionTimeText(session.startsAt, session.endsAt, programme.timeZone)}
                    {viewerZone !== programme.timeZone ? <span className="lena-muted"> ({sessionTimeText(session.startsAt, session.endsAt, viewerZone)} your time)</span> : null}
                  </li>
                ))}
              </ol>
            </>
          )}
        </Section>
      )}
    </>
  );
}

/** One programme, for platform admins and the facilitators assigned to it. */
export function ProgrammePage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const result = useQuery(ProgrammeDocument, { variables: { id, previewCount: ALL_SESSIONS } });
  const programme = result.data?.programme;
  const admin = isPlatformAdmin(viewer);
  return (
    <Page
      title={programme?.title ?? 'Programme'}
      backLink={
        admin ? (
          <Link href={HAS_SESSIONS.includes(programme?.status ?? 'REQUESTED') ? '/admin/programmes/all' : '/admin/programmes'}>Back to programmes</Link>
        ) : (
          <Link href="/sessions">Back to your sessions</Link>
        )
      }
      actions={
        admin && programme?.availableActions.includes('PROPOSE') ? <ButtonLink href={`/admin/programmes/${programme.id}/propose`}>Propose a schedule</ButtonLink> : undefined
      }
    >
      <QueryView result={result} loadingLabel="Loading the programme">
        {({ programme: loaded }) => (
          <>
            <ProgrammeSummary programme={loaded} />
            <ProgrammeDetails programme={loaded} admin={admin} facilitates={loaded.facilitators.some((facilitator) => facilitator.userId === viewer?.id)} />
            {/* Results are for the programme's own facilitators; Lena's staff see none (the API refuses them). */}
            {loaded.facilitators.some((facilitator) => facilitator.userId === viewer?.id) && (
              <>
                <ProgrammeOutcomesSection programmeId={loaded.id} />
                <FeedbackResultsSection programmeId={loaded.id} />
              </>
            )}
            <ProgrammeHistorySection programmeId={loaded.id} />
          </>
        )}
      </QueryView>
    </Page>
  );
}
