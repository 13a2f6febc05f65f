import { describe, expect, it } from 'vitest';
import { computeMetrics } from '@/core/model/metrics';
import { shownProbabilities } from '../try/topClasses';
import { sortClassRows } from './ClassMetricsTable';
import { mostConfusedPairs } from './confusedPairs';

const labels = ['a', 'b', 'c', 'd'];
// Rows: true class, columns: predicted.
const confusion = [
  [5, 3, 0, 0],
  [1, 8, 0, 3],
  [0, 0, 9, 1],
  [0, 3, 0, 2],
];

describe('the most confused pairs', () => {
  it('are the off-diagonal cells with texts, most texts first, ties by the larger share of the true class', () => {
    expect(mostConfusedPairs({ labels, confusion }).map((p) => [p.trueLabel, p.predictedLabel, p.count])).toEqual([
      ['d', 'b', 3], // 3 of 5
      ['a', 'b', 3], // 3 of 8
      ['b', 'd', 3], // 3 of 12
      ['c', 'd', 1], // 1 of 10
      ['b', 'a', 1], // 1 of 12
    ]);
    expect(mostConfusedPairs({ labels, confusion }, 2)).toHaveLength(2);
    expect(mostConfusedPairs({ labels: ['x', 'y'], confusion: [[4, 0], [0, 6]] })).toEqual([]);
  });
});

describe('the per-class table’s order', () => {
  const cells = confusion.flatMap((row, t) => row.flatMap((n, p) => Array.from({ length: n }, () => [t, p] as const)));
  const metrics = computeMetrics(Int32Array.from(cells.map(([t]) => t)), Int32Array.from(cells.map(([, p]) => p)), labels);

  it('keeps the classes’ order until a column is chosen, then sorts by it either way', () => {
    expect(sortClassRows(metrics.perClass, null).map((c) => c.label)).toEqual(labels);
    const byF1 = sortClassRows(metrics.perClass, { key: 'f1', direction: 'ascending' }).map((c) => c.f1);
    expect(byF1).toEqual([...byF1].sort((x, y) => x - y));
    expect(sortClassRows(metrics.perClass, { key: 'label', direction: 'descending' }).map((c) => c.label)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortClassRows(metrics.perClass, { key: 'support', direction: 'descending' })[0].label).toBe('b');
  });
});

describe('the Try box’s bars', () => {
  const probabilities = Array.from({ length: 50 }, (_, i) => ({ label: `c${i}`, probability: i === 7 ? 0.51 : 0.49 / 49 }));

  it('shows the 5 most probable classes and what the 45 others add up to, or every class when asked', () => {
    const { top, others } = shownProbabilities(probabilities, false);
    expect(top.map((p) => p.label)[0]).toBe('c7');
    expect(top).toHaveLength(5);
    expect(others?.count).toBe(45);
    expect(others!.probability + top.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 10);
    expect(shownProbabilities(probabilities, true).top).toHaveLength(50);
    expect(shownProbabilities(probabilities, true).others).toBeNull();
  });

  it('shows a sixth class rather than "1 other class"', () => {
    expect(shownProbabilities(probabilities.slice(0, 6), false)).toMatchObject({ others: null });
    expect(shownProbabilities(probabilities.slice(0, 6), false).top).toHaveLength(6);
  });
});
