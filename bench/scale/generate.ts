/**
 * The scale part's files: real AG News texts repeated to N rows, each with its row number after
 * it (" #12345") so that no two rows are the same text (a file of copies would make the duplicate
 * check and the vocabulary unrealistically cheap) and every file has a word per row seen once.
 * 1,000,000 rows make a 251 MB file, as the one issue 12 was measured on.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import Papa from 'papaparse';
import type { LabelledRow } from '../csv';

/** The suffix that makes row `index` (0-based) differ from the other copies of its text. */
export function rowSuffix(index: number): string {
  return ` #${index}`;
}

/** Row `index` of the generated file: source row index mod the source's length, with the suffix. */
export function generatedRow(source: readonly LabelledRow[], index: number): LabelledRow {
  const row = source[index % source.length];
  return { text: `${row.text}${rowSuffix(index)}`, label: row.label };
}

/** Lines of the file (header `text,label`, RFC 4180 quoting where needed, LF), `rows` data rows. */
export function* generatedLines(source: readonly LabelledRow[], rows: number): Generator<string> {
  if (source.length === 0) throw new Error('no source rows to repeat');
  yield 'text,label\n';
  for (let i = 0; i < rows; i++) {
    const { text, label } = generatedRow(source, i);
    yield `${Papa.unparse([[text, label]], { newline: '\n' })}\n`;
  }
}

/** Writes the file in 1 MB pieces (a 251 MB string at once would double the bench's own memory). */
export async function writeScaleFile(path: string, source: readonly LabelledRow[], rows: number): Promise<number> {
  const out = createWriteStream(path);
  let pending = '';
  let bytes = 0;
  for (const line of generatedLines(source, rows)) {
    pending += line;
    if (pending.length >= 1 << 20) {
      bytes += Buffer.byteLength(pending);
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  bytes += Buffer.byteLength(pending);
  out.end(pending);
  await once(out, 'finish');
  return bytes;
}
