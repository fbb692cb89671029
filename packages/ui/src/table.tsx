import type { ReactNode } from 'react';
import { cx } from './class-names.js';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** Labels the cell on phones, where the table stacks; defaults to `header` when it is text. */
  label?: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, for counts. */
  numeric?: boolean;
}

export interface TableProps<Row> {
  /** Names the table for assistive technology (and for tests: getByRole('table', { name })). */
  caption: string;
  captionHidden?: boolean;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}

function cellLabel<Row>(column: Column<Row>): string {
  return column.label ?? (typeof column.header === 'string' ? column.header : '');
}

/**
 * A plain data table. On phones each row stacks as a block with its cells labelled; the wrapper
 * scrolls sideways (and is focusable, for keyboard users) if a cell is still too wide.
 */
export function Table<Row>({ caption, captionHidden = false, columns, rows, rowKey }: TableProps<Row>) {
  return (
    <div className="lena-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      {/* Explicit roles keep table semantics when phone CSS turns rows into blocks. */}
      <table className="lena-table" role="table">
        <caption className={cx('lena-table__caption', captionHidden && 'lena-visually-hidden')}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column.key} scope="col" role="columnheader" className={cx(column.numeric && 'lena-table__numeric')}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" role="rowheader" className={cx('lena-table__rowheader', column.numeric && 'lena-table__numeric')}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} role="cell" data-label={cellLabel(column)} className={cx(column.numeric && 'lena-table__numeric')}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
