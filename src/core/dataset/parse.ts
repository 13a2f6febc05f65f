import Papa from 'papaparse';
import type { Delimiter } from './types';

/**
 * Text → rows (RFC 4180 via PapaParse): quoted fields with delimiters, quotes and newlines,
 * CRLF / LF / CR line breaks. Adds what PapaParse does not give directly: the line where each
 * row starts, recovery from an unbalanced quote that would otherwise swallow the rest of the
 * file into one field, and delimiter detection among the four that spreadsheets write.
 */

export type Linebreak = '\r\n' | '\n' | '\r';

export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface RawRows {
  /** Non-blank rows as parsed (blank lines and rows of only empty fields are dropped). */
  rows: string[][];
  /** 1-based line where each row starts. */
  rowLines: number[];
  /** Indices into `rows` of rows with malformed or unbalanced quotes. */
  quoteProblems: number[];
  linebreak: Linebreak;
}

/** After this many re-parses, an unbalanced quote is left as PapaParse read it (bounds time). */
const MAX_QUOTE_RECOVERIES = 10_000;
/** Characters of the file looked at to detect the line break and the delimiter. */
const SAMPLE_CHARS = 128 * 1024;
/** Rows of the sample compared when detecting the delimiter. */
const SAMPLE_ROWS = 200;

/**
 * The line break of the file, judged outside quoted fields (where Excel puts LF inside CRLF
 * files). Same rule as PapaParse's own guess, but computed once so re-parses agree.
 */
export function detectLinebreak(text: string): Linebreak {
  const sample = text.slice(0, SAMPLE_CHARS).replace(/"[^]*?"/g, '');
  const cr = sample.indexOf('\r');
  const lf = sample.indexOf('\n');
  if (cr === -1) return '\n';
  if (lf !== -1 && lf < cr) return '\n';
  let crlf = 0;
  let crs = 0;
  for (let i = cr; i !== -1; i = sample.indexOf('\r', i + 1)) {
    crs++;
    if (sample[i + 1] === '\n') crlf++;
  }
  return crlf >= crs / 2 ? '\r\n' : '\r';
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Share (0..1) of sampled rows that have the most common number of fields. */
  consistency: number;
  /** The most common number of fields per row with this delimiter. */
  fields: number;
}

/**
 * Picks the delimiter under which the first rows split most consistently into the same number
 * (≥ 2) of fields; quote errors count against a candidate. Ties go to the earlier of , tab ; |.
 */
export function detectDelimiter(text: string, linebreak: Linebreak = detectLinebreak(text)): DelimiterGuess {
  const newline = rowSeparator(linebreak);
  const truncated = text.length > SAMPLE_CHARS;
  let sample = text.slice(0, SAMPLE_CHARS);
  if (truncated) {
    const lastBreak = sample.lastIndexOf(newline);
    if (lastBreak > 0) sample = sample.slice(0, lastBreak);
  }
  let best: DelimiterGuess = { delimiter: ',', consistency: 0, fields: 1 };
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const result = Papa.parse<string[]>(sample, { delimiter, newline, preview: SAMPLE_ROWS, quoteChar: '"' });
    let rows = result.data.filter((row) => !isBlankRow(row));
    // A sample cut inside a long quoted field ends in a truncated row: leave it out.
    if (truncated && rows.length > 1) rows = rows.slice(0, -1);
    if (rows.length === 0) continue;
    const { value: fields, count } = mode(rows.map((row) => row.length));
    if (fields < 2) continue;
    const badRows = new Set(result.errors.map((e) => e.row)).size;
    const consistency = count / rows.length;
    const score = consistency * (1 - Math.min(1, badRows / rows.length));
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = { delimiter, consistency, fields };
    }
  }
  return best;
}

/**
 * Parses the whole text with a known delimiter; never throws on malformed input.
 * `onProgress` hears the share (0..1) of the text read so far, once per row.
 */
export function parseRows(
  text: string,
  delimiter: Delimiter,
  linebreak: Linebreak = detectLinebreak(text),
  onProgress?: (fraction: number) => void,
): RawRows {
  const newline = rowSeparator(linebreak);
  const rows: string[][] = [];
  const starts: number[] = [];
  const quoteProblems: number[] = [];
  let offset = 0;
  let recoveries = 0;

  while (offset < text.length) {
    const input = offset === 0 ? text : text.slice(offset);
    let rowStart = 0;
    let restartAt = -1;
    Papa.parse<string[]>(input, {
      delimiter,
      newline,
      quoteChar: '"',
      step: (result, parser) => {
        const start = rowStart;
        const end = result.meta.cursor;
        rowStart = end;
        onProgress?.((offset + end) / text.length);
        const quoteError = result.errors.some((e) => e.type === 'Quotes');
        if (quoteError && recoveries < MAX_QUOTE_RECOVERIES) {
          // An opening quote that is never closed properly makes PapaParse read on through later
          // lines (often to the end of the file). Read that first line as plain unquoted text
          // and start again on the next line, so the following rows survive.
          const lineEnd = input.indexOf(newline, start);
          if (lineEnd !== -1 && lineEnd + 1 < end) {
            recoveries++;
            quoteProblems.push(rows.length);
            rows.push(withoutTrailingCr(input.slice(start, lineEnd).split(delimiter)));
            starts.push(offset + start);
            restartAt = offset + lineEnd + 1;
            parser.abort();
            return;
          }
        }
        const row = newline === '\n' ? withoutTrailingCr(result.data) : result.data;
        if (isBlankRow(row)) return;
        if (quoteError) quoteProblems.push(rows.length);
        rows.push(row);
        starts.push(offset + start);
      },
    });
    if (restartAt === -1) break;
    offset = restartAt;
  }

  return { rows, rowLines: lineNumbers(text, starts, newline), quoteProblems, linebreak };
}

/**
 * Rows are split at LF even in CRLF files: files pieced together from several tools mix CRLF and
 * LF, and splitting at CRLF would glue every LF-ended row to the next. The CR left at the end of
 * a row is removed (withoutTrailingCr); PapaParse already accepts it after a closing quote.
 * Only old Mac files, with bare CR line breaks, are split at CR.
 */
function rowSeparator(linebreak: Linebreak): '\n' | '\r' {
  return linebreak === '\r' ? '\r' : '\n';
}

function withoutTrailingCr(row: string[]): string[] {
  const last = row.length - 1;
  if (last >= 0 && row[last].endsWith('\r')) row[last] = row[last].slice(0, -1);
  return row;
}

/** 1-based line numbers of increasing character offsets, counting line breaks in one pass. */
function lineNumbers(text: string, offsets: number[], breakChar: '\n' | '\r'): number[] {
  const lines = new Array<number>(offsets.length);
  let line = 1;
  let scanned = 0;
  for (let i = 0; i < offsets.length; i++) {
    const target = offsets[i];
    for (let at = text.indexOf(breakChar, scanned); at !== -1 && at < target; at = text.indexOf(breakChar, at + 1)) {
      line++;
      scanned = at + 1;
    }
    if (scanned < target) scanned = target;
    lines[i] = line;
  }
  return lines;
}

/** A blank line, or a row of only empty fields (spreadsheets export these as ",,,"). */
export function isBlankRow(row: string[]): boolean {
  for (const field of row) if (field.trim() !== '') return false;
  return true;
}

function mode(values: number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  let value = 0;
  let count = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > count || (c === count && v > value)) {
      value = v;
      count = c;
    }
  }
  return { value, count };
}
