/**
 * "Download corrected CSV": the person's file written back with their label decisions in it:
 * relabelled rows carry the new label, dropped rows are gone, and everything else is the file's
 * own bytes, untouched (same columns, delimiter, quoting, line breaks, byte-order mark and
 * encoding), so a diff against the original shows exactly the decisions.
 *
 * How: the file is read as loadDataset reads it (same decoding, table and columns), so row N is
 * the row the decisions name. The text is edited record by record: a drop removes the record's
 * lines; a relabel replaces only the label field's characters (RFC 4180 quoted by PapaParse where
 * the new label needs it). The same edits are then made on the original bytes: line breaks are
 * single ASCII units in every encoding written this way, so lines map to byte ranges directly, and
 * within a line a streaming decode finds the byte where a field starts. Only the new labels are
 * encoded (encodeText.ts). When the encoding cannot hold a new label (a Chinese label into a
 * Windows-1252 file), or ISO-2022-JP, the whole corrected text is written as UTF-8 with a BOM
 * instead (the BOM tells spreadsheet programs, and Sift, that it is UTF-8), and the result says so.
 */
import Papa from 'papaparse';
import { decisionsByRow, type LabelDecision } from '../quality/labelDecisions';
import { chooseColumns } from './columns';
import { decodeBytes, streamingDecoder } from './decode';
import { encoderFor } from './encodeText';
import { extractExamples } from './examples';
import { detectLinebreak } from './parse';
import { scanRecord } from './recordFields';
import { assertTabularText } from './sniff';
import { parseTable } from './table';
import type { ColumnChoice, Delimiter, ReadOptions } from './types';

export interface CorrectedCsv {
  bytes: Uint8Array;
  /** WHATWG name of the encoding the copy is written in. */
  encoding: string;
  /** The file's own encoding where the copy could not be written in it (it is then UTF-8), else null. */
  replacedEncoding: string | null;
  relabelled: number;
  dropped: number;
  /** Rows of decisions that do not match the file as read (no such row, or another label there): not applied. */
  stale: number[];
}

/** Replace text[from, to) with `insert`. */
interface Edit {
  from: number;
  to: number;
  insert: string;
}

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * The file's bytes with the decisions applied (see the module comment). Decisions about rows that
 * are kept, or relabelled to the label they have, change nothing.
 * @throws SiftError as loadDataset, for a file that cannot be read
 */
export function writeCorrectedCsv(bytes: Uint8Array, options: ReadOptions, decisions: readonly LabelDecision[]): CorrectedCsv {
  const { text, encoding } = decodeBytes(bytes, options.encoding);
  assertTabularText(text);
  const table = parseTable(text, { delimiter: options.delimiter, hasHeader: options.hasHeader });
  const choice = chooseColumns(table.columns, table.rows, { textColumn: options.textColumn, labelColumn: options.labelColumn });
  const labelOfRow = new Map(extractExamples(table, choice).examples.map((e) => [e.row, e.label]));
  const newline = detectLinebreak(text) === '\r' ? '\r' : '\n';
  const lines = lineStarts(text, newline);
  const recordStart = (row: number): number => lines[table.rowLines[row - 1] - 1];
  const recordEnd = (row: number): number => (row < table.rows.length ? recordStart(row + 1) : text.length);

  const edits: Edit[] = [];
  const stale: number[] = [];
  let relabelled = 0;
  let dropped = 0;
  for (const d of [...decisionsByRow(decisions).values()].sort((a, b) => a.row - b.row)) {
    const label = labelOfRow.get(d.row);
    if (label === undefined || label !== d.given) {
      stale.push(d.row);
      continue;
    }
    if (d.action === 'drop') {
      edits.push({ from: recordStart(d.row), to: recordEnd(d.row), insert: '' });
      dropped++;
    } else if (d.action === 'relabel' && d.label !== label) {
      const record = { start: recordStart(d.row), end: recordEnd(d.row), fields: table.rows[d.row - 1] };
      edits.push(relabelEdit(text, record, d.label, table.delimiter, newline, labelFieldIndex(record.fields, table.columns.length, choice)));
      relabelled++;
    }
  }
  const counts = { relabelled, dropped, stale };
  if (edits.length === 0) return { bytes: bytes.slice(), encoding: encoding.name, replacedEncoding: null, ...counts };

  const corrected = applyEdits(text, edits);
  const inPlace = editBytes(bytes, encoding.name, lines, newline, edits, corrected);
  if (inPlace) return { bytes: inPlace, encoding: encoding.name, replacedEncoding: null, ...counts };
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = new TextEncoder().encode(corrected);
  const withBom = encoding.name !== 'utf-8' || hadBom ? concat([UTF8_BOM, utf8]) : utf8;
  return { bytes: withBom, encoding: 'utf-8', replacedEncoding: encoding.name === 'utf-8' ? null : encoding.name, ...counts };
}

/**
 * Index of the label among a row's raw fields. extractExamples joins the extra fields of a row
 * that has too many (an unquoted delimiter in the text) into the text field, after dropping
 * empty trailing ones; a label column after the text column moves right by as many.
 */
function labelFieldIndex(fields: readonly string[], width: number, choice: ColumnChoice): number {
  let length = fields.length;
  while (length > width && fields[length - 1].trim() === '') length--;
  const extra = Math.max(0, length - width);
  return choice.label > choice.text ? choice.label + extra : choice.label;
}

/**
 * The edit that gives one record a new label: only the label field's characters where the scan
 * of the record agrees with PapaParse's fields; otherwise (malformed quotes, read leniently) the
 * record rewritten from the fields as read, properly quoted, ending as it ended.
 */
function relabelEdit(
  text: string,
  record: { start: number; end: number; fields: readonly string[] },
  label: string,
  delimiter: Delimiter,
  newline: '\n' | '\r',
  index: number,
): Edit {
  const spans = scanRecord(text, record.start, delimiter, newline);
  if (spans && spans.length === record.fields.length && spans.every((s, i) => s.value === record.fields[i])) {
    return { from: spans[index].start, to: spans[index].end, insert: csvField(label, delimiter) };
  }
  const fields = [...record.fields];
  fields[index] = label;
  const original = text.slice(record.start, record.end);
  const ending = /\r\n$/.test(original) ? '\r\n' : /[\r\n]$/.test(original) ? original.slice(-1) : '';
  return { from: record.start, to: record.end, insert: Papa.unparse([fields], { delimiter, newline: ending || '\n' }) + ending };
}

/** One value as a CSV field: quoted (RFC 4180) where it holds the delimiter, a quote, a line break or edge spaces. */
function csvField(value: string, delimiter: Delimiter): string {
  return Papa.unparse([[value]], { delimiter, newline: '\n' });
}

/** Character offset where each line starts (line L is index L − 1). */
function lineStarts(text: string, newline: '\n' | '\r'): number[] {
  const starts = [0];
  for (let at = text.indexOf(newline); at !== -1; at = text.indexOf(newline, at + 1)) starts.push(at + 1);
  return starts;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + text.slice(at);
}

/**
 * The same edits made on the original bytes, or null where that cannot be done faithfully: no
 * encoder for the encoding or no bytes there for a new label, line breaks that do not line up, or
 * a result that does not decode to the corrected text (checked, so a copy in the file's own
 * encoding is always exactly right).
 */
function editBytes(
  bytes: Uint8Array,
  encoding: string,
  lines: number[],
  newline: '\n' | '\r',
  edits: readonly Edit[],
  corrected: string,
): Uint8Array | null {
  const encode = encoderFor(encoding);
  if (!encode) return null;
  const byteLines = byteLineStarts(bytes, encoding, newline.charCodeAt(0));
  if (byteLines.length !== lines.length) return null;
  const byteAt = (offset: number): number | null => {
    const line = lastAtMost(lines, offset);
    const within = offset - lines[line];
    if (within === 0) return byteLines[line];
    // Decode the line a byte at a time until `within` characters have come out.
    const decode = streamingDecoder(encoding);
    const lineEnd = line + 1 < byteLines.length ? byteLines[line + 1] : bytes.length;
    let chars = 0;
    let at = byteLines[line];
    while (chars < within && at < lineEnd) chars += decode(bytes.subarray(at, ++at), true).length;
    return chars === within ? at : null;
  };
  const parts: Uint8Array[] = [];
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    const from = byteAt(e.from);
    const to = byteAt(e.to);
    const insert = e.insert === '' ? new Uint8Array(0) : encode(e.insert);
    if (from === null || to === null || insert === null) return null;
    parts.push(bytes.subarray(cursor, from), insert);
    cursor = to;
  }
  parts.push(bytes.subarray(cursor));
  const out = concat(parts);
  const decoded = streamingDecoder(encoding)(out, false);
  return (decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded) === corrected ? out : null;
}

/**
 * Byte offset where each line starts, the first one after a byte-order mark (which so stays in
 * front of everything). Line breaks are one byte in ASCII-compatible encodings (never part of a
 * multi-byte character in any of them) and one aligned 16-bit unit in UTF-16.
 */
function byteLineStarts(bytes: Uint8Array, encoding: string, newline: number): number[] {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const le = encoding === 'utf-16le';
    const bom = bytes.length >= 2 && bytes[le ? 0 : 1] === 0xff && bytes[le ? 1 : 0] === 0xfe ? 2 : 0;
    const starts = [bom];
    for (let i = bom; i + 1 < bytes.length; i += 2) {
      const unit = le ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
      if (unit === newline) starts.push(i + 2);
    }
    return starts;
  }
  const bom = encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const starts = [bom];
  for (let at = bytes.indexOf(newline, bom); at !== -1; at = bytes.indexOf(newline, at + 1)) starts.push(at + 1);
  return starts;
}

/** Index of the last value ≤ x in an ascending array whose first value is ≤ x. */
function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
