import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { splitDataset } from '@/core/dataset/split';
import type { Example } from '@/core/dataset/types';
import { readFixture } from '../../../tests/helpers/datasets';

const sms = loadDataset(readFixture('datasets/sms_spam/sms_spam.csv')).examples;
const trec = loadDataset(readFixture('datasets/trec/trec_train.csv')).examples;

function countBy(examples: Example[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts;
}

describe('splitDataset', () => {
  it.each([
    ['sms_spam', sms, 0.1],
    ['sms_spam', sms, 0.25],
    ['trec_train', trec, 0.1],
    ['trec_train', trec, 0.5],
  ] as const)('%s at %f: stratified per class, disjoint, complete, in file order', (_, examples, share) => {
    const { train, validation } = splitDataset(examples, { validationShare: share, seed: 42 });
    expect(train.length + validation.length).toBe(examples.length);
    const rows = new Set([...train, ...validation].map((e) => e.row));
    expect(rows.size).toBe(examples.length);
    const total = countBy(examples);
    const held = countBy(validation);
    for (const [label, n] of Object.entries(total)) {
      expect(held[label] ?? 0).toBe(Math.min(n - 1, Math.round(n * share)));
    }
    const isSorted = (list: Example[]) => list.every((e, i) => i === 0 || list[i - 1].row < e.row);
    expect(isSorted(train) && isSorted(validation)).toBe(true);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const a = splitDataset(sms, { validationShare: 0.2, seed: 7 });
    const b = splitDataset(sms, { validationShare: 0.2, seed: 7 });
    const c = splitDataset(sms, { validationShare: 0.2, seed: 8 });
    expect(a.validation.map((e) => e.row)).toEqual(b.validation.map((e) => e.row));
    expect(a.validation.map((e) => e.row)).not.toEqual(c.validation.map((e) => e.row));
  });

  it('validationShare 0 keeps everything in train', () => {
    const { train, validation } = splitDataset(trec, { validationShare: 0, seed: 1 });
    expect(validation).toEqual([]);
    expect(train).toEqual(trec);
  });

  it('keeps at least one example of every class in train, even for tiny classes', () => {
    const tiny: Example[] = [
      ...sms.slice(0, 30),
      { text: 'only one', label: 'solo', row: 31 },
      { text: 'first of two', label: 'pair', row: 32 },
      { text: 'second of two', label: 'pair', row: 33 },
    ];
    for (let seed = 0; seed < 20; seed++) {
      const { train, validation } = splitDataset(tiny, { validationShare: 0.5, seed });
      const trainCounts = countBy(train);
      expect(trainCounts.solo).toBe(1);
      expect(trainCounts.pair).toBe(1);
      expect(countBy(validation).pair).toBe(1);
    }
  });

  it.each([-0.1, 1, Number.NaN])('rejects validationShare %f', (share) => {
    expect(() => splitDataset(sms, { validationShare: share, seed: 1 })).toThrow(/validationShare/);
  });
});
