/**
 * Where each field of one CSV record sits in the text: what the corrected-CSV writer needs to
 * replace a label and leave every other character of the record as the file has it. PapaParse
 * gives field values but not their positions, hence this small RFC 4180 scanner. The writer checks
 * its values against PapaParse's and falls back to rewriting the record where they differ.
 */
import type { Delimiter } from './types';

export interface FieldSpan {
  /** Offsets in the scanned text: [start, end) covers the field as written, quotes included. */
  start: number;
  end: number;
  /** The field's value (quotes removed, doubled quotes undone). */
  value: string;
}

/**
 * The fields of the record that starts at `from`, up to the line break that ends it (a line
 * break inside quotes belongs to the field). With `newline` '\n', a CR before it is not part of
 * the last field (CRLF files), as in parseRows. Null where a quoted field is never closed or a
 * closing quote is followed by something other than a delimiter or the record's end: malformed
 * quoting, which the caller handles another way.
 */
export function scanRecord(text: string, from: number, delimiter: Delimiter, newline: '\n' | '\r'): FieldSpan[] | null {
  const fields: FieldSpan[] = [];
  let at = from;
  for (;;) {
    const start = at;
    let value: string;
    if (text[at] === '"') {
      value = '';
      let i = at + 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) return null;
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      const next = text[at];
      const endsRecord = at >= text.length || next === newline || (newline === '\n' && next === '\r' && (at + 1 >= text.length || text[at + 1] === '\n'));
      if (next !== delimiter && !endsRecord) return null;
    } else {
      let end = at;
      while (end < text.length && text[end] !== delimiter && text[end] !== newline) end++;
      at = end;
      if (newline === '\n' && text[end] !== delimiter && end > start && text[end - 1] === '\r') end--;
      value = text.slice(start, end);
      fields.push({ start, end, value });
      if (text[at] === delimiter) {
        at++;
        continue;
      }
      return fields;
    }
    fields.push({ start, end: at, value });
    if (text[at] === delimiter) {
      at++;
      continue;
    }
    return fields;
  }
}
