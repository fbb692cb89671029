import { FeedbackResultsDocument, type FeedbackFigureFieldsFragment } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { formatDateTime, Section, Table } from '@lena/ui';
import { lazy, Suspense } from 'react';
import { QueryView } from '../app/query-view.js';

// The chart library is big; it loads only when a figure is shown (see the chart's own comment).
const FeedbackDistributionChart = lazy(() => import('./feedback-distribution-chart.js'));

type Figure = FeedbackFigureFieldsFragment;

function Scores({ figure, caption }: { figure: Figure; caption: string }) {
  const { scores } = figure;
  if (!scores.shown || !scores.items) return <p className="lena-feedback-withheld">{scores.message}</p>;
  return (
    <>
      <p>{scores.responses} responses.</p>
      {scores.items.map((item) => (
        <div key={item.itemId} className="lena-feedback-item">
          <h4>{item.prompt}</h4>
          <p>
            Average {item.mean === null ? '—' : item.mean.toFixed(2)} out of 5, from {item.answered} answers.
          </p>
          <Suspense fallback={null}>
            <FeedbackDistributionChart title={item.prompt} points={item.distribution} />
          </Suspense>
          <Table
            caption={`${caption}: ${item.prompt}`}
            captionHidden
            rows={item.distribution}
            rowKey={(point) => String(point.value)}
            columns={[
              { key: 'answer', header: 'Answer', cell: (point) => point.label },
              { key: 'count', header: 'People', cell: (point) => String(point.count) },
            ]}
          />
        </div>
      ))}
    </>
  );
}

function Comments({ figure }: { figure: Figure }) {
  const { comments } = figure;
  if (!comments.shown || !comments.comments) return <p className="lena-feedback-withheld">Comments: {comments.message}</p>;
  if (comments.comments.length === 0) return <p>No comments.</p>;
  return (
    <ul className="lena-list">
      {comments.comments.map((comment, index) => (
        <li key={index}>{comment}</li>
      ))}
    </ul>
  );
}

/**
 * The day results were published: a calendar date (UTC) with no time kept on purpose, so it is
 * written as that date wherever the viewer is (moving a bare date into a zone could shift its day).
 */
function publishedDate(isoDate: string): string | null {
  return formatDateTime(`${isoDate}T12:00:00Z`, { dateOnly: true, timeZone: 'UTC' });
}

/**
 * A programme's anonymous feedback, for its assigned facilitators and its organisation's admins:
 * the API decides what may be shown (its one suppression rule), and this shows its words for the
 * rest ("Fewer than 5 responses") instead of numbers. Nobody's single answer is ever shown.
 */
export function FeedbackResultsSection({ programmeId }: { programmeId: string }) {
  const result = useQuery(FeedbackResultsDocument, { variables: { programmeId }, fetchPolicy: 'cache-and-network' });
  return (
    <Section title="Feedback">
      <QueryView result={result} loadingLabel="Loading the programme’s feedback">
        {({ feedbackResults }) => (
          <>
            <p className="lena-muted">
              Anonymous answers to “{feedbackResults.instrument?.title ?? 'How was this session for you?'}”. Figures are shown only once at least {feedbackResults.minGroupSize}{' '}
              people have answered, and only where no smaller group could be worked out from them. Results update shortly after every {feedbackResults.minGroupSize} new responses
              to a session, so no change between two visits can point to one person; a session with fewer than {feedbackResults.minGroupSize} responses is not counted anywhere.
            </p>
            <p>{feedbackResults.updatedOn ? `Last updated ${publishedDate(feedbackResults.updatedOn)}.` : 'No results have been published yet.'}</p>
            <h3>The whole programme</h3>
            <Scores figure={feedbackResults.programme} caption="The whole programme" />
            <Comments figure={feedbackResults.programme} />
            {feedbackResults.sessions.map((session) => (
              <section key={session.sessionId} aria-labelledby={`feedback-session-${session.sessionId}`}>
                <h3 id={`feedback-session-${session.sessionId}`}>
                  Session {session.sequence}, {formatDateTime(session.startsAt, { dateOnly: true })}
                </h3>
                <Scores figure={session.figure} caption={`Session ${session.sequence}`} />
                <Comments figure={session.figure} />
              </section>
            ))}
          </>
        )}
      </QueryView>
    </Section>
  );
}
