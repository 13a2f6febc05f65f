/** Reads and writes the datasets' `text,label` CSVs (UTF-8, RFC 4180). */
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';

export interface LabelledRow {
  text: string;
  label: string;
}

export function readLabelledCsv(path: string): LabelledRow[] {
  const parsed = Papa.parse<Record<string, string | undefined>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('text') || !fields.includes('label')) {
    throw new Error(`${path}: expected a header with columns "text" and "label" (found ${fields.join(', ') || 'none'})`);
  }
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new Error(`${path}: row ${fatal.row ?? '?'}: ${fatal.message}`);
  return parsed.data.map((row) => ({ text: row.text ?? '', label: row.label ?? '' }));
}

/** Same dialect as the sources: header `text,label`, quotes only where needed, LF line ends. */
export function formatLabelledCsv(rows: readonly LabelledRow[]): string {
  return `${Papa.unparse({ fields: ['text', 'label'], data: rows.map((r) => [r.text, r.label]) }, { newline: '\n' })}\n`;
}

export function writeLabelledCsv(path: string, rows: readonly LabelledRow[]): void {
  writeFileSync(path, formatLabelledCsv(rows));
}
