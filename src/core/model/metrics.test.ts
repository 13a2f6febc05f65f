import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics';

describe('computeMetrics', () => {
  // 10 examples, 3 classes. Truth:      a a a a b b b c c c
  //                         Prediction: a a b c b b a c c b
  const labels = ['a', 'b', 'c'];
  const truth = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  const predicted = Int32Array.from([0, 0, 1, 2, 1, 1, 0, 2, 2, 1]);
  const m = computeMetrics(truth, predicted, labels);

  it('counts the confusion matrix with rows = true class', () => {
    expect(m.confusion).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ]);
    expect(m.examples).toBe(10);
    expect(m.accuracy).toBeCloseTo(0.6, 10);
  });

  it('computes per-class precision, recall, F1 and support by hand', () => {
    // a: precision 2/3, recall 2/4, F1 = 2·(2/3)(1/2)/(2/3+1/2) = 4/7
    // b: precision 2/4, recall 2/3, F1 = 4/7
    // c: precision 2/3, recall 2/3, F1 = 2/3
    const expected = [
      { label: 'a', precision: 2 / 3, recall: 0.5, f1: 4 / 7, support: 4 },
      { label: 'b', precision: 0.5, recall: 2 / 3, f1: 4 / 7, support: 3 },
      { label: 'c', precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 },
    ];
    expected.forEach((e, i) => {
      expect(m.perClass[i].label).toBe(e.label);
      expect(m.perClass[i].precision).toBeCloseTo(e.precision, 10);
      expect(m.perClass[i].recall).toBeCloseTo(e.recall, 10);
      expect(m.perClass[i].f1).toBeCloseTo(e.f1, 10);
      expect(m.perClass[i].support).toBe(e.support);
    });
    expect(m.macroF1).toBeCloseTo((4 / 7 + 4 / 7 + 2 / 3) / 3, 10);
  });

  it('gives 0 (not NaN) for a class never predicted, and leaves unused labels out of macro-F1', () => {
    const r = computeMetrics(Int32Array.from([0, 1, 1]), Int32Array.from([0, 0, 0]), ['x', 'y', 'unused']);
    expect(r.perClass[1]).toEqual({ label: 'y', precision: 0, recall: 0, f1: 0, support: 2 });
    // x: precision 1/3, recall 1 → F1 0.5; y: 0; 'unused' neither occurs nor is predicted
    expect(r.macroF1).toBeCloseTo(0.25, 10);
    expect(r.accuracy).toBeCloseTo(1 / 3, 10);
  });

  it('handles no examples and rejects mismatched input', () => {
    expect(computeMetrics(new Int32Array(0), new Int32Array(0), ['a', 'b']).accuracy).toBe(0);
    expect(() => computeMetrics(Int32Array.from([0]), new Int32Array(0), ['a'])).toThrow(RangeError);
    expect(() => computeMetrics(Int32Array.from([2]), Int32Array.from([0]), ['a', 'b'])).toThrow(/outside the 2 labels/);
  });
});
