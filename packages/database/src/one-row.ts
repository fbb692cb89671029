/**
 * The one row a statement returns: an `INSERT … RETURNING`, an aggregate, a lookup by key whose
 * row is known to exist. No row, or more than one, means the code's idea of the data is wrong, so
 * it is an error that names what was expected rather than an `undefined` that fails later.
 */
export function oneRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) throw new Error(`Expected one ${what} row, got ${rows.length}.`);
  return row;
}
