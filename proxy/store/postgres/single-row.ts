/**
 * The row of a query that always returns exactly one (an aggregate, a function call, the one-row
 * chain_head): none means the schema is broken, which is named rather than read as undefined.
 */
export function singleRow<T>(rows: readonly T[], query: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${query} returned no row`);
  return row;
}
