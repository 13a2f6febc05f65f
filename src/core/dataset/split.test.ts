import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { describeValidationSplit, splitDataset } from '@/core/dataset/split';
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
      expect(held[label] ?? 0).toBe(Math.min(n - 1, Math.max(1, Math.round(n * share))));
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

  it('gives every class with two or more examples one validation example at 10%, and says so', () => {
    // TREC's six classes cut to 2, 3, 4, 5, 1 and 40 examples: at 10% the first three would round to none.
    const sizes: Record<string, number> = { ABBR: 2, DESC: 3, ENTY: 4, HUM: 5, LOC: 1, NUM: 40 };
    const seen: Record<string, number> = {};
    const small = trec.filter((e) => (seen[e.label] = (seen[e.label] ?? 0) + 1) <= sizes[e.label]);
    expect(countBy(small)).toEqual(sizes);
    const { train, validation } = splitDataset(small, { validationShare: 0.1, seed: 42 });
    expect(countBy(validation)).toEqual({ ABBR: 1, DESC: 1, ENTY: 1, HUM: 1, NUM: 4 });
    expect(countBy(train)).toEqual({ ABBR: 1, DESC: 2, ENTY: 3, HUM: 4, LOC: 1, NUM: 36 });
    expect(describeValidationSplit({ validationShare: 0.1, trainExamples: train.length, validationExamples: validation.length })).toBe(
      'Validation: 8 of 55 examples (15%; 10% asked for, but each class with two or more examples gives at least one).',
    );
  });

  it.each([
    [{ validationShare: 0.1, trainExamples: 900, validationExamples: 100 }, 'Validation: 100 of 1,000 examples (10%).'],
    [{ validationShare: 0, trainExamples: 1000, validationExamples: 0 }, 'No validation examples: the validation share was set to 0%.'],
    [
      { validationShare: 0.1, trainExamples: 3, validationExamples: 0 },
      'No validation examples: the validation share was 10%, but every class has a single example, which training needs.',
    ],
    [
      { validationShare: 0.5, trainExamples: 7, validationExamples: 3 },
      'Validation: 3 of 10 examples (30%; 50% asked for, but each class keeps at least one for training and classes are rounded one by one).',
    ],
  ])('describes %j', (sizes, sentence) => {
    expect(describeValidationSplit(sizes)).toBe(sentence);
  });

  it.each([-0.1, 1, Number.NaN])('rejects validationShare %f', (share) => {
    expect(() => splitDataset(sms, { validationShare: share, seed: 1 })).toThrow(/validationShare/);
  });
});
