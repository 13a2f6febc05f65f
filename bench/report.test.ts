import { describe, expect, it } from 'vitest';
import { computeRatios, markdownTable, summarizeRatios } from './report';
import type { ContenderResult, RunFigures } from './types';

function ok(dataset: string, contender: string, accuracy: number, trainSeconds: number, processSeconds: number): ContenderResult {
  const median: RunFigures = { accuracy, macroF1: accuracy, trainSeconds, processSeconds, peakRssMiB: 100, details: {} };
  return { dataset, contender, settings: '', status: 'ok', median, runs: [median] };
}

describe('markdownTable', () => {
  it('aligns numbers right and escapes pipes and newlines in cells', () => {
    expect(markdownTable(['name', 'value'], [['a|b', '1'], ['two\nlines', '2']])).toBe(
      ['| name | value |', '| --- | ---: |', '| a\\|b | 1 |', '| two lines | 2 |'].join('\n'),
    );
  });
});

describe('ratios', () => {
  const results: ContenderResult[] = [
    ok('trec', 'sift-default', 0.9, 20, 30),
    ok('trec', 'fasttext-default', 0.85, 2, 3),
    ok('trec', 'sklearn', 0.88, 10, 10),
    ok('sms', 'sift-default', 0.98, 5, 6),
    ok('sms', 'fasttext-default', 0.99, 20, 12),
    { dataset: 'sms', contender: 'sklearn', settings: '', status: 'failed', error: 'boom' },
  ];

  it('divides Sift by each other contender on the same dataset, skipping failures', () => {
    const ratios = computeRatios(results);
    expect(ratios.map((r) => [r.dataset, r.contender, r.train, r.process])).toEqual([
      ['trec', 'fasttext-default', 10, 10],
      ['trec', 'sklearn', 2, 3],
      ['sms', 'fasttext-default', 0.25, 0.5],
    ]);
    expect(ratios[0].accuracyDelta).toBeCloseTo(0.05, 12);
  });

  it('averages ratios geometrically across datasets', () => {
    const summary = summarizeRatios(computeRatios(results));
    const fastText = summary.find((s) => s.contender === 'fasttext-default');
    expect(fastText?.datasets).toBe(2);
    expect(fastText?.train).toBeCloseTo(Math.sqrt(10 * 0.25), 12);
    expect(fastText?.process).toBeCloseTo(Math.sqrt(10 * 0.5), 12);
    expect(fastText?.meanAccuracyDelta).toBeCloseTo((0.05 - 0.01) / 2, 12);
  });
});
