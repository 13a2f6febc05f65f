import type { Problem, ProblemCode, ProblemFacts, RowsNamed } from './types';

/** Problems list at most this many example rows (the count says how many there are). */
export const MAX_PROBLEM_ROWS = 20;
/** Rows spelled out inside a message before "and N more". */
const ROWS_IN_MESSAGE = 5;

/** Maps a 1-based data row to the 1-based line of the file where it starts. */
export type LineOf = (row: number) => number | undefined;

export function problem(
  code: ProblemCode,
  severity: Problem['severity'],
  rows: readonly number[],
  message: string,
  facts: ProblemFacts,
  count: number = rows.length,
): Problem {
  return { code, severity, count, rows: rows.slice(0, MAX_PROBLEM_ROWS), message, facts };
}

/** The rows a sentence names (as describeRows does), as data. */
export function namedRows(rows: readonly number[], lineOf: LineOf): RowsNamed {
  return { shown: rows.slice(0, ROWS_IN_MESSAGE).map((row) => ({ row, ...(lineOf(row) === undefined ? {} : { line: lineOf(row) }) })), total: rows.length };
}

/** "row 312 (line 318)" or "rows 4 (line 5), 9 (line 10) and 12 more". */
export function describeRows(rows: readonly number[], lineOf: LineOf): string {
  const shown = rows.slice(0, ROWS_IN_MESSAGE).map((row) => {
    const line = lineOf(row);
    return line === undefined ? String(row) : `${row} (line ${line})`;
  });
  const more = rows.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : joinAnd(shown);
  return `${rows.length === 1 ? 'row' : 'rows'} ${list}`;
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
