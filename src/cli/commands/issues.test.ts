import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA, MALFORMED, runCli, type CliRun } from '../../../tests/helpers/runCli';

const tmp = mkdtempSync(join(tmpdir(), 'sift-issues-'));
const tiny = join(tmp, 'tiny.csv');
writeFileSync(tiny, 'text,label\nWhat is TMJ ?,ABBR\nWho wrote Hamlet ?,HUM\nWho painted the Mona Lisa ?,HUM\n');

interface IssuesJson {
  command: string;
  rows: number;
  folds: number;
  seconds: number;
  flagged: { row: number; label: string; suggested: string; selfConfidence: number }[];
  ranked: number[];
}

/**
 * TREC's 500 test questions with 25 labels flipped (seeded) and every 7th question written over
 * two lines in a quoted field, so that record numbers and line numbers part ways early.
 */
function noisyTrec(): { path: string; records: string[][]; flipped: Set<number> } {
  const parsed = Papa.parse<string[]>(readFileSync(`${DATA}/trec/trec_test.csv`, 'utf8'), { skipEmptyLines: true }).data;
  const [header, ...rows] = parsed;
  const labels = [...new Set(rows.map((r) => r[1]))].sort();
  let state = 7;
  const next = (n: number) => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
  const flipped = new Set<number>();
  while (flipped.size < 25) flipped.add(1 + next(rows.length));
  const records = rows.map(([text, label], i) => {
    const row = i + 1;
    const shown = row % 7 === 0 ? `${text}\n(asked in class)` : text;
    const others = labels.filter((l) => l !== label);
    return [shown, flipped.has(row) ? others[next(others.length)] : label];
  });
  const path = join(tmp, 'trec_test_noisy.csv');
  writeFileSync(path, Papa.unparse([header, ...records], { newline: '\n' }) + '\n');
  return { path, records, flipped };
}

describe('sift issues', () => {
  const { path, records, flipped } = noisyTrec();
  let run: CliRun;
  let result: IssuesJson;

  beforeAll(async () => {
    run = await runCli(['issues', path, '--top', '25', '--json']);
    result = run.json as unknown as IssuesJson;
  });

  it('ends with exactly the promised JSON line', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(Object.keys(result)).toEqual(['command', 'rows', 'folds', 'seconds', 'flagged', 'ranked']);
    expect(result).toMatchObject({ command: 'issues', rows: 500, folds: 5 });
    expect(result.seconds).toBeGreaterThan(0);
    for (const f of result.flagged) expect(Object.keys(f)).toEqual(['row', 'label', 'suggested', 'selfConfidence']);
    // Human lines went to stderr: stdout is the JSON alone.
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('names rows by record, so each flagged row carries the label its record has in the file', () => {
    expect(result.flagged.length).toBeGreaterThan(0);
    for (const f of result.flagged) {
      expect(records[f.row - 1][1]).toBe(f.label);
      expect(f.suggested).not.toBe(f.label);
      expect(f.selfConfidence).toBeGreaterThanOrEqual(0);
      expect(f.selfConfidence).toBeLessThanOrEqual(1);
    }
    // Most suspicious first.
    const confidences = result.flagged.map((f) => f.selfConfidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    // Some flipped rows found lie past the two-line records (row 7 onwards).
    expect(result.flagged.some((f) => flipped.has(f.row) && f.row > 7)).toBe(true);
  });

  it('ranks flipped rows at the top (--top N gives the N most suspicious rows)', () => {
    expect(result.ranked).toHaveLength(25);
    expect(new Set(result.ranked).size).toBe(25);
    const hits = result.ranked.filter((r) => flipped.has(r)).length;
    // Measured 16 of 25; chance would be about 1.
    expect(hits).toBeGreaterThanOrEqual(11);
  });

  it('prints the flagged rows, most suspicious first, without --json', async () => {
    const human = await runCli(['issues', path, '--folds', '3', '--seed', '1']);
    expect(human.code).toBe(0);
    const summary = human.stdout.match(/^(\d+) of 500 rows may be mislabelled \(confident learning, 3 folds/m);
    expect(summary).not.toBeNull();
    const lines = human.stdout.split('\n').filter((l) => l.startsWith('* row '));
    expect(lines).toHaveLength(Number(summary?.[1]));
    expect(human.stdout).toMatch(/^fold 3\/3: trained on 3\d\d, predicted 1\d\d;/m);
  });

  it.each([
    { name: 'a PNG renamed .csv', args: ['issues', `${MALFORMED}/image_renamed.csv`], code: 'BINARY_FILE' },
    { name: 'a single class', args: ['issues', `${MALFORMED}/single_class.csv`], code: 'SINGLE_CLASS' },
    { name: 'one fold', args: ['issues', `${DATA}/trec/trec_test.csv`, '--folds', '1'], code: 'INVALID_OPTION' },
    { name: 'more folds than rows', args: ['issues', tiny, '--folds', '5'], code: 'INVALID_OPTION' },
    { name: 'a fractional --top', args: ['issues', `${DATA}/trec/trec_test.csv`, '--top', '2.5'], code: 'INVALID_OPTION' },
    { name: 'a bad training option', args: ['issues', `${DATA}/trec/trec_test.csv`, '--dropout', '3'], code: 'INVALID_OPTION' },
  ])('bad input, $name → one coded line, $code', async ({ args, code }) => {
    const bad = await runCli([...args, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json.error).toMatchObject({ code });
    const lines = bad.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('sift: error'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^sift: error ${code}: `));
    expect(bad.stderr + bad.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
