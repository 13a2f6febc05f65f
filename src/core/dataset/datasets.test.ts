import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { parseTable } from '@/core/dataset/table';
import { readFixture, referenceExamples } from '../../../tests/helpers/datasets';

/**
 * Column inference and the data check on every real dataset the project carries; the figures
 * are those of tests/fixtures/datasets/README.md and ../shared/datasets/README.md.
 */
const DATASETS = [
  { file: 'datasets/sms_spam/sms_spam.csv', rows: 5574, classes: { ham: 4827, spam: 747 }, duplicates: 414, conflicting: 0 },
  { file: 'datasets/trec/trec_train.csv', rows: 5452, classes: 6, duplicates: 71, conflicting: 0 },
  { file: 'datasets/trec/trec_test.csv', rows: 500, classes: 6, duplicates: 0, conflicting: 0 },
  { file: 'datasets/trec/trec_train_fine.csv', rows: 5452, classes: 50, duplicates: 71, conflicting: 1 },
  { file: 'datasets/trec/trec_test_fine.csv', rows: 500, classes: 42, duplicates: 0, conflicting: 0 },
  { file: 'datasets/ag_news_test/ag_news_test.csv', rows: 7600, classes: { Business: 1900, 'Sci/Tech': 1900, Sports: 1900, World: 1900 }, duplicates: 0, conflicting: 0 },
  { file: 'datasets/rt_polarity/rt_polarity.csv', rows: 10662, classes: { neg: 5331, pos: 5331 }, duplicates: 0, conflicting: 0 },
  { file: 'datasets/thucnews_titles/thucnews_titles_dev.csv', rows: 10000, classes: 10, duplicates: 7, conflicting: 0 },
  { file: 'datasets/thucnews_titles/thucnews_titles_test.csv', rows: 10000, classes: 10, duplicates: 11, conflicting: 1 },
  { file: 'datasets/waimai_10k/waimai_10k.csv', rows: 11987, classes: { neg: 7987, pos: 4000 }, duplicates: 7, conflicting: 7 },
  { file: 'datasets/20newsgroups/20ng_train_head.csv', rows: 300, classes: 20, duplicates: 0, conflicting: 0 },
] as const;

describe('real datasets (tests/fixtures/datasets)', () => {
  it.each(DATASETS)('$file: columns, counts and data check', (d) => {
    const loaded = loadDataset(readFixture(d.file));
    expect(loaded.encoding).toEqual({ name: 'utf-8', source: 'utf8-valid', confidence: 1 });
    expect(loaded.delimiter).toBe(',');
    expect(loaded.hasHeader).toBe(true);
    expect(loaded.columns).toEqual(['text', 'label']);
    expect([loaded.textColumn, loaded.labelColumn]).toEqual([0, 1]);

    const { report } = loaded;
    expect(report.totalRows).toBe(d.rows);
    expect(report.usableExamples).toBe(d.rows);
    expect(report.trainable).toBe(true);
    if (typeof d.classes === 'number') {
      expect(report.classes.length).toBe(d.classes);
    } else {
      expect(Object.fromEntries(report.classes.map((c) => [c.label, c.count]))).toEqual(d.classes);
    }
    expect(report.duplicateTexts).toBe(d.duplicates);
    expect(report.conflictingTexts).toBe(d.conflicting);
    expect(report.problems.some((p) => p.code === 'DUPLICATE_TEXT')).toBe(d.duplicates > 0);
    expect(report.problems.some((p) => p.code === 'CONFLICTING_LABELS')).toBe(d.conflicting > 0);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);

    const { lengths } = report;
    expect(lengths.min).toBeGreaterThanOrEqual(0);
    expect(lengths.p50).toBeLessThanOrEqual(lengths.p95);
    expect(lengths.p95).toBeLessThanOrEqual(lengths.max);
    expect(lengths.histogram.reduce((s, b) => s + b.count, 0)).toBe(d.rows);
    expect(lengths.histogram[lengths.histogram.length - 1].upTo).toBeGreaterThanOrEqual(lengths.max);
    expect(report.suggestedSequenceLength).toBeGreaterThanOrEqual(Math.min(1024, Math.max(16, lengths.p95)));
    expect(report.suggestedSequenceLength).toBeLessThanOrEqual(1024);
    expect(report.suggestedVocabularySize).toBeGreaterThanOrEqual(1000);
    expect(loaded.preview.length).toBe(Math.min(20, d.rows));
  });

  it('sizes the suggestions to the data: short SMS vs long newsgroup posts', () => {
    const sms = loadDataset(readFixture('datasets/sms_spam/sms_spam.csv')).report;
    const news = loadDataset(readFixture('datasets/20newsgroups/20ng_train_head.csv')).report;
    expect(sms.lengths.p50).toBeGreaterThan(5);
    expect(sms.lengths.p50).toBeLessThan(30);
    expect(sms.suggestedSequenceLength).toBeLessThanOrEqual(96);
    expect(news.lengths.p50).toBeGreaterThan(100);
    expect(news.suggestedSequenceLength).toBeGreaterThanOrEqual(512);
    expect(news.suggestedVocabularySize).toBeGreaterThan(sms.suggestedVocabularySize);
    const imbalance = sms.problems.find((p) => p.code === 'IMBALANCED_CLASSES');
    expect(imbalance?.message).toContain('"ham" has 4,827 examples');
  });

  it.each(['datasets/sms_spam/sms_spam.csv', 'datasets/trec/trec_test.csv', 'datasets/thucnews_titles/thucnews_titles_dev.csv', 'datasets/waimai_10k/waimai_10k.csv'])(
    '%s without its header row: detected as data, same examples',
    (file) => {
      const bytes = readFixture(file);
      const headerless = bytes.subarray(bytes.indexOf(0x0a) + 1);
      const loaded = loadDataset(headerless);
      expect(loaded.hasHeader).toBe(false);
      expect(loaded.columns).toEqual(['column 1', 'column 2']);
      expect([loaded.textColumn, loaded.labelColumn]).toEqual([0, 1]);
      const expected = referenceExamples(file);
      expect(loaded.examples.map((e) => e.text)).toEqual(expected.map((e) => e.text));
      expect(loaded.examples.map((e) => e.label)).toEqual(expected.map((e) => e.label));
    },
  );

  it('20 Newsgroups: multi-line quoted fields stay whole, and rows know the line they start on', () => {
    const bytes = readFixture('datasets/20newsgroups/20ng_train_head.csv');
    const loaded = loadDataset(bytes);
    const expected = referenceExamples('datasets/20newsgroups/20ng_train_head.csv');
    expect(loaded.examples.map((e) => e.text)).toEqual(expected.map((e) => e.text));
    expect(loaded.examples.map((e) => e.label)).toEqual(expected.map((e) => e.label));
    expect(loaded.examples.filter((e) => e.text.includes('\n')).length).toBe(298);

    const table = parseTable(new TextDecoder().decode(bytes));
    expect(table.rowLines).toEqual(expected.map((e) => e.line));
    expect(table.rowLines[1]).toBeGreaterThan(10);

    // Messages name the file line: a repeat of the whole file starts right after its last line.
    const doubled = concatBytes(bytes, bytes.subarray('text,label\n'.length));
    const repeat = loadDataset(doubled).report.problems.find((p) => p.code === 'DUPLICATE_TEXT');
    expect(repeat?.count).toBe(300);
    expect(repeat?.rows).toEqual(Array.from({ length: 20 }, (_, i) => 301 + i));
    expect(repeat?.message).toContain(`rows 301 (line ${countByte(bytes, 0x0a) + 1}), 302`);
  });
});

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (const b of bytes) if (b === byte) n++;
  return n;
}
