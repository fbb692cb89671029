import { SharedActionItemsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { EmptyState, formatDateTime, Section } from '@lena/ui';

/** The action items facilitators shared with the signed-in person's groups: all a participant sees of a session's notes. */
export function SharedActionItems() {
  const result = useQuery(SharedActionItemsDocument);
  return (
    <Section title="Action items shared with your group">
      <QueryView result={result} loadingLabel="Loading your groups’ action items">
        {({ sharedActionItems }) =>
          sharedActionItems.length === 0 ? (
            <EmptyState title="No action items yet" headingLevel={3}>
              <p>When a facilitator shares an action item with your group, it appears here.</p>
            </EmptyState>
          ) : (
            <ul className="lena-list">
              {sharedActionItems.map((item) => (
                <li key={item.id}>
                  {item.text}{' '}
                  <span className="lena-muted">
                    ({item.programmeTitle}, session {item.sequence}, {formatDateTime(item.startsAt, { dateOnly: true })})
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}
