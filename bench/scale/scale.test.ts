import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseOptions, wantsSection } from '../options';
import { generatedLines, generatedRow } from './generate';
import { fitGrowth } from './growth';
import { renderScaleMarkdown } from './markdown';
import { longestStill } from './page';
import { growthOf } from './run';
import type { ScaleSection, ScaleSizeResult } from './types';

const SOURCE = [
  { text: 'Stocks rise, "again"', label: 'Business' },
  { text: 'Team wins', label: 'Sports' },
];

describe('scale files', () => {
  it('repeats the source rows, each with its row number, so that no two rows are alike', () => {
    const rows = Array.from({ length: 5 }, (_, i) => generatedRow(SOURCE, i));
    expect(rows.map((r) => r.label)).toEqual(['Business', 'Sports', 'Business', 'Sports', 'Business']);
    expect(new Set(rows.map((r) => r.text)).size).toBe(5);
    expect(rows[2].text).toBe('Stocks rise, "again" #2');
  });

  it('writes a CSV that reads back as the rows, quotes and commas included', () => {
    const text = [...generatedLines(SOURCE, 3)].join('');
    const parsed = Papa.parse<string[]>(text.trim(), { newline: '\n' }).data;
    expect(parsed).toEqual([['text', 'label'], ['Stocks rise, "again" #0', 'Business'], ['Team wins #1', 'Sports'], ['Stocks rise, "again" #2', 'Business']]);
  });
});

describe('fitGrowth', () => {
  it('gives the slope per 100k rows and a per-row ratio of 1 for a straight line through 0', () => {
    const g = fitGrowth('s', [{ rows: 100_000, value: 2 }, { rows: 500_000, value: 10 }, { rows: 1_000_000, value: 20 }]);
    expect(g?.per100kRows).toBeCloseTo(2);
    expect(g?.intercept).toBeCloseTo(0);
    expect(g?.perRowRatio).toBeCloseTo(1);
  });

  it('shows growth faster than linear, fixed costs, and needs two usable sizes', () => {
    expect(fitGrowth('q', [{ rows: 100_000, value: 1 }, { rows: 1_000_000, value: 100 }])?.perRowRatio).toBeCloseTo(10);
    expect(fitGrowth('c', [{ rows: 100_000, value: 5 }, { rows: 1_000_000, value: 5 }])).toMatchObject({ per100kRows: 0, intercept: 5 });
    expect(fitGrowth('n', [{ rows: 100_000, value: 1 }, { rows: 1_000_000, value: Number.NaN }])).toBeNull();
  });
});

describe('longestStill', () => {
  it('counts the wait before the first value, between values, and after the last', () => {
    const values = [
      { at: 1500, value: null },
      { at: 3000, value: 0.1 },
      { at: 3500, value: 0.5 },
      { at: 8000, value: 0.9 },
    ];
    expect(longestStill({ changeAt: 1000, checkAt: 9000, values })).toBe(4500);
    expect(longestStill({ changeAt: 1000, checkAt: 20_000, values })).toBe(12_000);
    expect(longestStill({ changeAt: 1000, checkAt: null, values })).toBeNaN();
  });
});

const size = (rows: number, scale: number, page: boolean): ScaleSizeResult => ({
  rows,
  fileBytes: rows * 251,
  node: {
    status: 'ok',
    examples: rows,
    vocabularySize: 50_000,
    sequenceLength: 384,
    loadSeconds: scale,
    loadCpuSeconds: scale / 2,
    longestProgressGapSeconds: 0.1,
    prepareSeconds: scale * 2,
    prepareCpuSeconds: scale,
    textsPerSecond: rows / (scale * 2),
    textsPerCpuSecond: rows / scale,
    firstBatchSeconds: scale * 2 + 1,
    stoppedSeconds: scale * 2 + 3,
    totalSeconds: scale * 3 + 3,
    rssAfterLoadMiB: scale * 100,
    rssAfterPrepareMiB: scale * 150,
    peakRssMiB: scale * 160,
    processSeconds: scale * 3 + 4,
  },
  page: page
    ? { status: 'ok', loadSeconds: scale * 1.5, longestProgressGapSeconds: 0.4, loadCpuSeconds: scale, tabAtDataCheckMiB: scale * 150, trainToFirstBatchSeconds: scale * 2, trainToFirstBatchCpuSeconds: scale, trainToStoppedSeconds: scale * 3, tabPeakMiB: scale * 200, browserPeakMiB: scale * 250, savingNote: null }
    : { status: 'failed', error: 'page crashed' },
});

describe('renderScaleMarkdown', () => {
  const section: ScaleSection = { source: 'ag_news_test/ag_news_test.csv', sizes: [size(100_000, 1, true), size(1_000_000, 12, true)], growth: [], pageError: null };
  section.growth = growthOf(section.sizes);

  it('one row per size in each table, the figures that miss a 1M-row target marked', () => {
    const md = renderScaleMarkdown(section);
    const lines = md.split('\n').filter((l) => l.startsWith('| 1'));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('| 100,000 | 25 | 1.0 (0.5) | 2.0 (1.0) | 50,000 (100,000) |');
    expect(lines[2]).toContain('| 100,000 | 1.5 (1.0) | 0.4 | 150 | 2.0 (1.0) | 200 | 250 |');
    expect(lines.filter((l) => l.startsWith('| 100,000')).join('')).not.toContain('✗');
    // 1M rows: 41,667 texts/s in Node; data check 18 s, first batch 24 s, 2,400 MiB in the page: all four miss.
    expect(lines[1].match(/✗/g)).toHaveLength(1);
    expect(lines[3].match(/✗/g)).toHaveLength(3);
  });

  it('reports how each figure grows, and a failure in place of its figures', () => {
    expect(section.growth.find((g) => g.figure === 'Node: prepare (s)')?.per100kRows).toBeCloseTo((24 - 2) / 9);
    const failed = renderScaleMarkdown({ ...section, sizes: [size(100_000, 1, false)], growth: [] });
    expect(failed).toContain('failed: page crashed');
  });
});

describe('scale options', () => {
  it('is on in the full run, off in the quick run and a selection unless asked for, and takes other sizes', () => {
    expect(wantsSection(parseOptions([]), 'scale')).toBe(true);
    expect(wantsSection(parseOptions(['--quick']), 'scale')).toBe(false);
    expect(wantsSection(parseOptions(['--quick', '--scale']), 'scale')).toBe(true);
    expect(wantsSection(parseOptions(['--only', 'trec']), 'scale')).toBe(false);
    expect(wantsSection(parseOptions(['--scale-only']), 'scale')).toBe(true);
    expect(parseOptions(['--scale-rows', '1000,20000']).scaleRows).toEqual([1000, 20_000]);
    expect(() => parseOptions(['--scale-rows', '0'])).toThrow(/whole number/);
  });
});
