import { SiftError } from '../errors';
import { detectHeader } from './header';
import { DELIMITERS, detectDelimiter, detectLinebreak, parseRows } from './parse';
import { describeRows, namedRows, problem } from './problems';
import type { Delimiter, ParsedTable, Problem } from './types';

export interface TableOptions {
  delimiter?: Delimiter;
  hasHeader?: boolean;
}

/**
 * Decoded text → a table with named columns: delimiter and header detected unless given.
 * Throws EMPTY_FILE (no non-blank row), NOT_TABULAR (fewer than two columns), HEADER_ONLY, and
 * INVALID_OPTION for a delimiter Sift does not know. Quote problems go into `problems`.
 * `onProgress` hears the share (0..1) of the text parsed so far.
 */
export function parseTable(text: string, options: TableOptions = {}, onProgress?: (fraction: number) => void): ParsedTable {
  if (options.delimiter !== undefined && !DELIMITERS.includes(options.delimiter)) {
    throw new SiftError('INVALID_OPTION', `Unknown delimiter "${String(options.delimiter)}". Use one of: comma, semicolon, tab or |.`);
  }
  const linebreak = detectLinebreak(text);
  const hint = excelSeparatorHint(text);
  const delimiter = options.delimiter ?? hint ?? detectDelimiter(text, linebreak).delimiter;
  const raw = parseRows(text, delimiter, linebreak, onProgress);
  if (hint && raw.rows.length && raw.rows[0].join(delimiter) === `sep=${hint}`) {
    raw.rows.shift();
    raw.rowLines.shift();
    raw.quoteProblems = raw.quoteProblems.map((i) => i - 1).filter((i) => i >= 0);
  }
  if (raw.rows.length === 0) {
    throw new SiftError('EMPTY_FILE', 'The file has no rows with any text in them. Drop a CSV file with a text column and a label column.');
  }

  const hasHeader = options.hasHeader ?? detectHeader(raw.rows).hasHeader;
  const skip = hasHeader ? 1 : 0;
  const header = hasHeader ? raw.rows[0].map((c) => c.trim()) : [];
  const rows = raw.rows.slice(skip);
  const rowLines = raw.rowLines.slice(skip);

  const width = Math.max(header.length, commonWidth(rows));
  const columns = Array.from({ length: width }, (_, i) => header[i] || `column ${i + 1}`);

  if (width < 2) {
    throw new SiftError(
      'NOT_TABULAR',
      `Sift found only one column (separated by ${delimiterName(delimiter)}). It needs a column of texts and a column of labels, ` +
        'separated by commas, semicolons, tabs or |.',
    );
  }
  if (rows.length === 0) {
    throw new SiftError(
      'HEADER_ONLY',
      `The file has a header (${columns.join(', ')}) but no rows below it. Add labelled texts, one per row.`,
    );
  }

  const problems: Problem[] = [];
  const quoteRows = raw.quoteProblems.filter((i) => i >= skip).map((i) => i - skip + 1);
  if (quoteRows.length) {
    const lineOf = (row: number): number | undefined => rowLines[row - 1];
    problems.push(
      problem(
        'UNBALANCED_QUOTES',
        'warning',
        quoteRows,
        `Unbalanced or misplaced quotes (") in ${describeRows(quoteRows, lineOf)}: Sift read ${quoteRows.length === 1 ? 'it' : 'them'} ` +
          'as best it could. Check the text and label there; a quote inside a quoted field must be doubled ("").',
        { kind: 'unbalanced-quotes', rows: namedRows(quoteRows, lineOf) },
      ),
    );
  }
  return { delimiter, hasHeader, columns, rows, rowLines, problems };
}

/**
 * Excel reads (and some exports write) a first line "sep=;" naming the delimiter; honour it and
 * drop the line, or it would become the header.
 */
function excelSeparatorHint(text: string): Delimiter | null {
  const match = /^sep=([,;\t|])[ \t]*\r?\n/.exec(text);
  return match ? (match[1] as Delimiter) : null;
}

/** The most common number of fields per row (the table's intended width). */
function commonWidth(rows: string[][]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const row of rows) {
    const c = (counts.get(row.length) ?? 0) + 1;
    counts.set(row.length, c);
    if (c > bestCount || (c === bestCount && row.length > best)) {
      best = row.length;
      bestCount = c;
    }
  }
  return best;
}

export function delimiterName(delimiter: Delimiter): string {
  switch (delimiter) {
    case ',':
      return 'commas';
    case ';':
      return 'semicolons';
    case '\t':
      return 'tabs';
    case '|':
      return 'vertical bars (|)';
  }
}
