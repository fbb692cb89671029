import type { ReactNode } from 'react';

export interface SummaryRow {
  key: string;
  label: ReactNode;
  value: ReactNode;
}

/** Label–value pairs, as a description list. */
export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  return (
    <dl className="lena-summary">
      {rows.map((row) => (
        <div className="lena-summary__row" key={row.key}>
          <dt className="lena-summary__label">{row.label}</dt>
          <dd className="lena-summary__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
