import { describe, expect, it } from 'vitest';
import { readExamples } from '../../../tests/helpers/modelFixtures';
import { SiftError } from '../errors';
import { stratifiedFolds } from './folds';

function counts(values: Iterable<number>, size: number): number[] {
  const out = new Array<number>(size).fill(0);
  for (const v of values) out[v]++;
  return out;
}

const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);

describe('stratifiedFolds', () => {
  const labels = readExamples('trec/trec_train.csv').map((e) => e.label);

  it('holds every TREC question out once, folds within one example of each other, per class too', () => {
    const fold = stratifiedFolds(labels, 5, 42);
    expect(fold).toHaveLength(labels.length);
    expect(fold.every((f) => f >= 0 && f < 5)).toBe(true);
    expect(spread(counts(fold, 5))).toBeLessThanOrEqual(1);
    for (const label of new Set(labels)) {
      const ofClass = [...fold].filter((_, i) => labels[i] === label);
      expect(spread(counts(ofClass, 5)), label).toBeLessThanOrEqual(1);
    }
  });

  it('is a function of the seed', () => {
    expect(stratifiedFolds(labels, 5, 42)).toEqual(stratifiedFolds(labels, 5, 42));
    expect(stratifiedFolds(labels, 5, 43)).not.toEqual(stratifiedFolds(labels, 5, 42));
  });

  it('does not depend on which label the file lists first', () => {
    const a = ['x', 'y', 'x', 'y', 'x', 'y'];
    const b = ['y', 'x', 'y', 'x', 'y', 'x']; // the same classes, met in the other order
    const fa = stratifiedFolds(a, 3, 1);
    const fb = stratifiedFolds(b, 3, 1);
    // Class "x" sits at the even positions of a and the odd positions of b: same folds for it.
    expect([0, 2, 4].map((i) => fa[i])).toEqual([1, 3, 5].map((i) => fb[i]));
  });

  it('spreads a class smaller than the number of folds over different folds, continuing the turn across classes', () => {
    // 7 of "big", 2 of "rare", 1 of "single", 5 folds.
    const small = [...Array(7).fill('big'), 'rare', 'rare', 'single'];
    const fold = stratifiedFolds(small, 5, 3);
    expect(fold[7]).not.toBe(fold[8]);
    expect(spread(counts(fold, 5))).toBe(0); // 10 rows, 5 folds: 2 each
  });

  it.each([
    { folds: 1, message: /at least 2/ },
    { folds: 2.5, message: /whole number/ },
    { folds: 11, message: /11 folds need at least 11 examples; there are 10/ },
  ])('rejects $folds folds with INVALID_OPTION', ({ folds, message }) => {
    const call = () => stratifiedFolds(Array(10).fill('a'), folds, 1);
    expect(call).toThrow(SiftError);
    expect(call).toThrow(message);
  });
});
