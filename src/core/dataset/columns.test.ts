import { describe, expect, it } from 'vitest';
import { chooseColumns } from '@/core/dataset/columns';
import { measureLengths, summarise, suggestSequenceLength, suggestVocabularySize } from '@/core/dataset/lengths';
import { referenceExamples } from '../../../tests/helpers/datasets';

const trec = referenceExamples('datasets/trec/trec_train.csv').slice(0, 300);

/** Builds a table from real TREC rows with the columns given, each column a function of the row. */
function table(columns: Record<string, (e: { text: string; label: string }, i: number) => string>): [string[], string[][]] {
  const names = Object.keys(columns);
  return [names, trec.map((e, i) => names.map((n) => columns[n](e, i)))];
}

describe('column inference', () => {
  it.each<[string, [string[], string[][]], string, string]>([
    ['plain text,label', table({ text: (e) => e.text, label: (e) => e.label }), 'text', 'label'],
    ['label first', table({ label: (e) => e.label, text: (e) => e.text }), 'text', 'label'],
    ['pandas index column (no name)', table({ '': (_, i) => String(i), text: (e) => e.text, label: (e) => e.label }), 'text', 'label'],
    ['id, then label, then text under other names', table({ id: (_, i) => String(1000 + i), kind: (e) => e.label, question: (e) => e.text }), 'question', 'kind'],
    ['unnamed columns: statistics decide', table({ a: (_, i) => String(i + 1), b: (e) => e.text, c: (e) => e.label }), 'b', 'c'],
    ['an extra short column with 2 values and names that say which is which', table({ lang: (_, i) => (i % 2 ? 'en' : 'fr'), sentence: (e) => e.text, category: (e) => e.label }), 'sentence', 'category'],
    ['Chinese names', table({ 标签: (e) => e.label, 内容: (e) => e.text }), '内容', '标签'],
  ])('%s', (_, [columns, rows], text, label) => {
    const choice = chooseColumns(columns.map((c, i) => c || `column ${i + 1}`), rows);
    expect([columns[choice.text], columns[choice.label]]).toEqual([text, label]);
    expect(choice.reason).toMatch(/^Text column ".*" \(.*\) and label column ".*" \(.*\)[.;]/);
  });

  it('mentions an ignored id column in the reason', () => {
    const [columns, rows] = table({ id: (_, i) => String(i), text: (e) => e.text, label: (e) => e.label });
    expect(chooseColumns(columns, rows).reason).toContain('"id" looks like a row id');
  });
});

describe('length statistics and suggestions', () => {
  it.each([
    [0, 16],
    [10, 16],
    [16, 16],
    [17, 24],
    [100, 128],
    [700, 768],
    [5000, 1024],
  ])('p95 %i tokens → sequence length %i', (p95, expected) => {
    expect(suggestSequenceLength(p95)).toBe(expected);
  });

  it.each([
    [0, 1000],
    [1001, 2000],
    [48_321, 49_000],
    [250_000, 100_000],
  ])('%i distinct words → vocabulary %i', (words, expected) => {
    expect(suggestVocabularySize(words)).toBe(expected);
  });

  it('summarises token counts with percentiles and a histogram covering every text', () => {
    const counts = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const stats = summarise(counts);
    expect(stats).toMatchObject({ min: 1, p50: 50, p95: 95, max: 100, mean: 50.5 });
    expect(stats.histogram.map((b) => b.upTo)).toEqual([4, 8, 16, 32, 64, 128]);
    expect(stats.histogram.map((b) => b.count)).toEqual([4, 4, 8, 16, 32, 36]);
  });
});

describe('length statistics of big files are measured on a sample', () => {
  const titles = referenceExamples('datasets/thucnews_titles/thucnews_titles_dev.csv').map((e) => e.text);
  const exact = measureLengths(titles);
  const sampled = measureLengths(titles, 40_000);

  it('measures every text when the file is small, a sample when it is not', () => {
    expect(exact.measured).toBe(titles.length);
    expect(sampled.measured).toBeLessThanOrEqual(titles.length / 4);
    expect(sampled.measured).toBeGreaterThan(500);
  });

  it('the sample agrees with the exact figures', () => {
    expect(Math.abs(sampled.lengths.p50 - exact.lengths.p50)).toBeLessThanOrEqual(1);
    expect(Math.abs(sampled.lengths.p95 - exact.lengths.p95)).toBeLessThanOrEqual(2);
    expect(sampled.lengths.histogram.reduce((s, b) => s + b.count, 0)).toBe(titles.length);
    // Heaps' law extrapolation: right order of magnitude, far closer than the sample's own count.
    expect(sampled.distinctWords / exact.distinctWords).toBeGreaterThan(0.6);
    expect(sampled.distinctWords / exact.distinctWords).toBeLessThan(1.5);
  });
});
