/**
 * loadDataset reports how far it is while reading a real 1.8 MB file: in stage order, never
 * backwards, in many small steps (a bar that moves), and ending at exactly 1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load';
import type { LoadProgress } from './progress';

const AG_NEWS = new Uint8Array(readFileSync('tests/fixtures/datasets/ag_news_test/ag_news_test.csv'));
const STAGES = ['decoding', 'parsing', 'checking'] as const;

describe('loadDataset progress', () => {
  const reports: LoadProgress[] = [];
  const loaded = loadDataset(AG_NEWS, {}, { onProgress: (p) => reports.push(p) });

  it('still reads the file', () => {
    expect(loaded.examples.length).toBe(7600);
  });

  it('reports monotonically, stage by stage, and ends at 1', () => {
    expect(reports.length).toBeGreaterThan(20);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i].fraction).toBeGreaterThanOrEqual(reports[i - 1].fraction);
      expect(STAGES.indexOf(reports[i].stage)).toBeGreaterThanOrEqual(STAGES.indexOf(reports[i - 1].stage));
    }
    expect(reports[0]).toEqual({ stage: 'decoding', fraction: 0 });
    expect(reports.at(-1)).toEqual({ stage: 'checking', fraction: 1 });
    expect(new Set(reports.map((r) => r.stage))).toEqual(new Set(STAGES));
  });

  it('moves in steps of a few percent at most, and sends about one report per percent', () => {
    const gaps = reports.slice(1).map((r, i) => r.fraction - reports[i].fraction);
    expect(Math.max(...gaps)).toBeLessThan(0.06);
    expect(reports.length).toBeLessThan(130);
  });

  it('reads the same with or without a listener', () => {
    const quiet = loadDataset(AG_NEWS);
    expect(quiet.report).toEqual(loaded.report);
    expect(quiet.examples).toEqual(loaded.examples);
  });

  it('reports nothing past the failure when a file cannot be read', () => {
    const seen: LoadProgress[] = [];
    expect(() => loadDataset(new TextEncoder().encode('just one line without columns\n'), {}, { onProgress: (p) => seen.push(p) })).toThrow();
    expect(seen.every((p) => p.fraction < 1)).toBe(true);
  });
});
