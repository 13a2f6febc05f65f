import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under tests/fixtures/. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

export interface ReferenceRow {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * A deliberately plain, strict RFC 4180 reader (LF or CRLF records, doubled quotes), written
 * independently of PapaParse: the expected rows for the UTF-8 originals, which are known to be
 * well-formed. Throws on anything malformed so a broken fixture cannot pass silently.
 */
export function readRfc4180(text: string): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const fields: string[] = [];
    const startLine = line;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(`unterminated quote in record starting on line ${startLine}`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new Error(`stray quote on line ${line}`);
          field += text[i++];
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      } else if (i < text.length) {
        throw new Error(`unexpected character after a field on line ${line}`);
      }
      break;
    }
    rows.push({ fields, line: startLine });
  }
  return rows;
}

/** The UTF-8 original of a dataset as {text, label} pairs (header `text,label` dropped). */
export function referenceExamples(relative: string): { text: string; label: string; line: number }[] {
  const rows = readRfc4180(new TextDecoder('utf-8', { fatal: true }).decode(readFixture(relative)));
  const [header, ...data] = rows;
  if (header.fields.join(',') !== 'text,label') throw new Error(`${relative}: unexpected header ${header.fields.join(',')}`);
  return data.map((r) => ({ text: r.fields[0].trim(), label: r.fields[1].trim(), line: r.line }));
}

/** The first `records` labelled rows of the real SMS file (with its header): quick to train, two real classes. */
export function smsHead(records: number): Uint8Array {
  const lines = readFileSync(fixturePath('datasets/sms_spam/sms_spam.csv'), 'utf8').split('\n');
  const out: string[] = [];
  let kept = 0;
  for (const line of lines) {
    out.push(line);
    if (/,(ham|spam)\r?$/.test(line)) kept++;
    if (kept > records) break;
  }
  return new TextEncoder().encode(out.join('\n'));
}
