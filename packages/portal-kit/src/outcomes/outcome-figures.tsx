import type { OutcomeAttendanceFieldsFragment, OutcomeChangeFieldsFragment } from '@lena/graphql-client';
import { Table } from '@lena/ui';

type Change = OutcomeChangeFieldsFragment;

const oneDecimal = (value: number) => value.toFixed(1);
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** An attendance figure in words, or the API's words for why it is withheld. */
export function attendanceText(attendance: OutcomeAttendanceFieldsFragment): string {
  if (!attendance.shown) return attendance.message ?? 'Withheld';
  if (attendance.rate === null) return 'No registers taken yet';
  return `${percent(attendance.rate)} of places attended (${attendance.people} people)`;
}

/**
 * Each subscale's change: the API's sentence for a non-statistician, then the same numbers in a
 * table; where a figure is withheld, the API's words ("Fewer than 5 responses") and no number.
 */
export function OutcomeChanges({ changes, caption }: { changes: readonly Change[]; caption: string }) {
  if (changes.length === 0) return <p className="lena-muted">No outcome measures have been answered yet.</p>;
  return (
    <>
      <ul className="lena-list lena-outcome-summaries">
        {changes.map((change) => (
          <li key={`${change.instrumentKey}/${change.subscaleKey}`}>{change.shown ? change.summary : `${change.title}: ${change.message}`}</li>
        ))}
      </ul>
      <Table
        caption={caption}
        captionHidden
        rows={changes}
        rowKey={(change) => `${change.instrumentKey}/${change.subscaleKey}`}
        columns={[
          { key: 'measure', header: 'Measure', cell: (change) => change.title },
          { key: 'n', header: 'People (n)', numeric: true, cell: (change) => (change.shown ? String(change.n) : change.message) },
          {
            key: 'change',
            header: 'Average change (points)',
            numeric: true,
            cell: (change) => (change.shown && change.meanDifference !== null ? oneDecimal(change.meanDifference) : '—'),
          },
          {
            key: 'ci',
            header: '95% confidence interval',
            cell: (change) =>
              change.shown && change.meanDifferenceCi95 ? `${oneDecimal(change.meanDifferenceCi95.lower)} to ${oneDecimal(change.meanDifferenceCi95.upper)}` : '—',
          },
          {
            key: 'g',
            header: 'Effect size (Hedges’ g)',
            numeric: true,
            cell: (change) => (change.shown && change.hedgesG !== null ? change.hedgesG.toFixed(2) : '—'),
          },
          {
            key: 'reliable',
            header: 'Reliably better / no change / worse',
            cell: (change) =>
              change.shown && change.reliable ? `${percent(change.reliable.improved)} / ${percent(change.reliable.unchanged)} / ${percent(change.reliable.deteriorated)}` : '—',
          },
        ]}
      />
    </>
  );
}
