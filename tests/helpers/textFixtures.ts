import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

/** Rows of a `text,label` CSV under tests/fixtures/datasets/ (the project's copies of real data). */
export function readDataset(relative: string): { texts: string[]; labels: string[] } {
  const path = fileURLToPath(new URL(`../fixtures/datasets/${relative}`, import.meta.url));
  const parsed = Papa.parse<{ text: string; label: string }>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${relative}: ${parsed.errors[0].message}`);
  return { texts: parsed.data.map((row) => row.text), labels: parsed.data.map((row) => row.label) };
}
