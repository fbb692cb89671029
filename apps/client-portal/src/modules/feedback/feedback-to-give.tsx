import { FeedbackToGiveDocument, OpenFeedbackLinkDocument } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { Alert, Button, EmptyState, formatDateTime, Section, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';

/** Where the anonymous feedback page lives: beside the portal, an entry of its own (feedback.html). */
export function feedbackPageAddress(secret: string): string {
  return `/feedback.html#${secret}`;
}

/**
 * The sessions the signed-in person can still give feedback on. Opening one asks the API for a
 * fresh link (only its hash is kept, so the emailed one cannot be shown again) and goes to the same
 * anonymous page the email opens, which sends no cookies: the answers arrive as from the email.
 * Nobody's answers are ever shown here.
 */
export function FeedbackToGive({ go = (address: string) => window.location.assign(address) }: { go?: (address: string) => void }) {
  const result = useQuery(FeedbackToGiveDocument);
  const [open, { loading }] = useMutation(OpenFeedbackLinkDocument);
  const [opening, setOpening] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Section title="Feedback to give">
      {problem && <Alert tone="error">{problem}</Alert>}
      <QueryView result={result} loadingLabel="Loading the sessions you can give feedback on">
        {({ feedbackToGive }) =>
          feedbackToGive.length === 0 ? (
            <EmptyState title="Nothing to give feedback on" headingLevel={3}>
              <p>After each session you attend, we email you a link to a few anonymous questions. Sessions you have not answered yet appear here.</p>
            </EmptyState>
          ) : (
            <>
              <p>Your answers are anonymous: they are stored without your name, and facilitators see only combined results.</p>
              <ul className="lena-list">
                {feedbackToGive.map((session) => (
                  <li key={session.sessionId}>
                    <strong>
                      {session.programmeTitle}, session {session.sequence} of {session.sessionCount}
                    </strong>{' '}
                    <span className="lena-muted">
                      on {formatDateTime(session.startsAt)}; open until {formatDateTime(session.closesAt)}
                    </span>{' '}
                    <Button
                      busy={loading && opening === session.sessionId}
                      onClick={() => {
                        setOpening(session.sessionId);
                        setProblem(null);
                        open({ variables: { sessionId: session.sessionId } }).then(
                          ({ data }) => {
                            if (data) go(feedbackPageAddress(data.openFeedbackLink.secret));
                          },
                          () => {
                            setOpening(null);
                            setProblem('We could not open that feedback form. It may have closed, or you may have answered already.');
                            void result.refetch();
                          },
                        );
                      }}
                    >
                      Give feedback{' '}
                      <VisuallyHidden>
                        on {session.programmeTitle}, session {session.sequence}
                      </VisuallyHidden>
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </Section>
  );
}
