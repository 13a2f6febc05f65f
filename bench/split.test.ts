import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLabelledCsv, readLabelledCsv } from './csv';
import { stratifiedSplit } from './split';

const fixture = (path: string): string => new URL(`../tests/fixtures/datasets/${path}`, import.meta.url).pathname;

function countBy(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}

describe('stratifiedSplit on real datasets', () => {
  it.each(['sms_spam/sms_spam.csv', 'waimai_10k/waimai_10k.csv', 'rt_polarity/rt_polarity.csv', 'ag_news_test/ag_news_test.csv'])(
    '%s: every row once, each class 20 % in test',
    (path) => {
      const labels = readLabelledCsv(fixture(path)).map((r) => r.label);
      const split = stratifiedSplit(labels, 0.2, 42);
      expect(split.train.length + split.test.length).toBe(labels.length);
      expect(new Set([...split.train, ...split.test]).size).toBe(labels.length);
      const all = countBy(labels);
      const test = countBy(split.test.map((i) => labels[i]));
      for (const [label, n] of all) expect(test.get(label)).toBe(Math.round(n * 0.2));
    },
  );

  it('is the same for the same seed and different for another', () => {
    const labels = readLabelledCsv(fixture('sms_spam/sms_spam.csv')).map((r) => r.label);
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual(stratifiedSplit(labels, 0.2, 42));
    expect(stratifiedSplit(labels, 0.2, 7).test).not.toEqual(stratifiedSplit(labels, 0.2, 42).test);
  });

  it('keeps a singleton class in train and gives a two-row class one test row', () => {
    const split = stratifiedSplit(['a', 'a', 'a', 'a', 'a', 'b', 'c', 'c'], 0.2, 1);
    const testLabels = split.test.map((i) => ['a', 'a', 'a', 'a', 'a', 'b', 'c', 'c'][i]).sort();
    expect(testLabels).toEqual(['a', 'c']);
    expect(split.train).toContain(5);
  });
});

describe('labelled CSV', () => {
  it('writes back byte for byte what it read (quotes, commas, newlines, Chinese)', () => {
    for (const path of ['sms_spam/sms_spam.csv', 'thucnews_titles/thucnews_titles_dev.csv']) {
      const text = readFileSync(fixture(path), 'utf8');
      expect(formatLabelledCsv(readLabelledCsv(fixture(path)))).toBe(text);
    }
  });
});
