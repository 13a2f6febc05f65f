import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import type { Delimiter } from '@/core/dataset/types';
import { readFixture, referenceExamples } from '../../../tests/helpers/datasets';

/**
 * The same real data as people's tools save it: each file must give exactly the texts and
 * labels of its UTF-8 original, in the same order, with encoding, delimiter and columns detected.
 */
const FORMATS: {
  file: string;
  original: string;
  encoding: string;
  encodingSource: string;
  delimiter: Delimiter;
  columns: string[];
  text: number;
  label: number;
  /** Warnings and notes the data itself deserves (see the dataset README's table). */
  problems: string[];
}[] = [
  {
    file: 'datasets/formats/waimai_10k.gb18030.csv',
    original: 'datasets/waimai_10k/waimai_10k.csv',
    encoding: 'gb18030',
    encodingSource: 'detected',
    delimiter: ',',
    columns: ['text', 'label'],
    text: 0,
    label: 1,
    problems: ['CONFLICTING_LABELS', 'DUPLICATE_TEXT'],
  },
  {
    file: 'datasets/formats/rt_polarity.cp1252.csv',
    original: 'datasets/rt_polarity/rt_polarity.csv',
    encoding: 'windows-1252',
    encodingSource: 'detected',
    delimiter: ',',
    columns: ['text', 'label'],
    text: 0,
    label: 1,
    problems: [],
  },
  {
    file: 'datasets/formats/sms_spam.utf16le.tsv',
    original: 'datasets/sms_spam/sms_spam.csv',
    encoding: 'utf-16le',
    encodingSource: 'bom',
    delimiter: '\t',
    columns: ['text', 'label'],
    text: 0,
    label: 1,
    problems: ['DUPLICATE_TEXT', 'IMBALANCED_CLASSES'],
  },
  {
    file: 'datasets/formats/thucnews_titles_dev.utf8bom-crlf.csv',
    original: 'datasets/thucnews_titles/thucnews_titles_dev.csv',
    encoding: 'utf-8',
    encodingSource: 'bom',
    delimiter: ',',
    columns: ['id', 'category', 'title'],
    text: 2,
    label: 1,
    problems: ['DUPLICATE_TEXT'],
  },
  {
    file: 'datasets/formats/ag_news_test.semicolon.csv',
    original: 'datasets/ag_news_test/ag_news_test.csv',
    encoding: 'utf-8',
    encodingSource: 'utf8-valid',
    delimiter: ';',
    columns: ['Topic', 'Headline and summary'],
    text: 1,
    label: 0,
    problems: [],
  },
];

describe('files as people save them (tests/fixtures/datasets/formats)', () => {
  it.each(FORMATS)('$file reads like its UTF-8 original', (f) => {
    const loaded = loadDataset(readFixture(f.file));
    expect(loaded.encoding.name).toBe(f.encoding);
    expect(loaded.encoding.source).toBe(f.encodingSource);
    expect(loaded.delimiter).toBe(f.delimiter);
    expect(loaded.hasHeader).toBe(true);
    expect(loaded.columns).toEqual(f.columns);
    expect(loaded.textColumn).toBe(f.text);
    expect(loaded.labelColumn).toBe(f.label);
    expect(loaded.columnReason).toContain(f.columns[f.text]);

    const expected = referenceExamples(f.original);
    expect(loaded.examples.length).toBe(expected.length);
    expect(loaded.report.totalRows).toBe(expected.length);
    expect(loaded.report.skippedRows).toBe(0);
    // Compare whole arrays once (a per-row expect would be slow and noisy on failure).
    expect(loaded.examples.map((e) => e.text)).toEqual(expected.map((e) => e.text));
    expect(loaded.examples.map((e) => e.label)).toEqual(expected.map((e) => e.label));
    expect(loaded.examples.map((e) => e.row)).toEqual(expected.map((_, i) => i + 1));
    expect(loaded.report.problems.map((p) => p.code)).toEqual(f.problems);
  });

  it('a tiny legacy file is guessed with low confidence, and says so', () => {
    const gb = readFixture('datasets/formats/waimai_10k.gb18030.csv');
    const tiny = gb.subarray(0, gb.indexOf(0x0a, gb.indexOf(0x0a) + 1) + 1); // header + 1 row
    const guessed = loadDataset(tiny);
    expect(guessed.encoding.confidence).toBeLessThan(0.5);
    expect(guessed.report.problems.map((p) => p.code)).toContain('LOW_CONFIDENCE_ENCODING');
    expect(loadDataset(tiny, { encoding: 'gb18030' }).examples[0].text).toBe('卷饼还是比较好吃的');
  });

  it('lets the person override a wrong guess: GB18030 bytes read as windows-1252 differ, as gb18030 match', () => {
    const bytes = readFixture('datasets/formats/waimai_10k.gb18030.csv');
    const wrong = loadDataset(bytes, { encoding: 'windows-1252' });
    expect(wrong.encoding).toEqual({ name: 'windows-1252', source: 'user', confidence: 1 });
    expect(wrong.examples[0].text).not.toBe('卷饼还是比较好吃的');
    const right = loadDataset(bytes, { encoding: 'GBK' });
    expect(right.encoding.name).toBe('gbk');
    expect(right.examples[0].text).toBe('卷饼还是比较好吃的');
  });
});
