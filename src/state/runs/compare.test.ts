import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/core/settings';
import { epochLog, metricsWithF1 } from '../../../tests/helpers/runs';
import { classF1Rows, comparisonColumns, settingsDiff } from './compare';

describe('settingsDiff', () => {
  it('lists every setting in the given order first and marks the ones that differ', () => {
    const rows = settingsDiff(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, epochs: 3, embeddingDim: 32 }, ['epochs', 'embeddingDim']);
    expect(rows.slice(0, 2)).toEqual([
      { key: 'epochs', a: 20, b: 3, differs: true },
      { key: 'embeddingDim', a: 64, b: 32, differs: true },
    ]);
    expect(rows).toHaveLength(Object.keys(DEFAULT_SETTINGS).length);
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['epochs', 'embeddingDim']);
  });
});

describe('classF1Rows', () => {
  it('pairs classes by label, with the difference where both runs know the class', () => {
    const rows = classF1Rows(metricsWithF1({ ham: 0.9, spam: 0.5 }), metricsWithF1({ spam: 0.75, eggs: 0.4 }));
    expect(rows).toEqual([
      { label: 'eggs', a: null, b: 0.4, difference: null },
      { label: 'ham', a: 0.9, b: null, difference: null },
      { label: 'spam', a: 0.5, b: 0.75, difference: 0.25 },
    ]);
  });

  it('is empty when neither run has validation metrics', () => {
    expect(classF1Rows(null, null)).toEqual([]);
  });
});

describe('comparisonColumns', () => {
  it('puts both runs’ losses on one epoch axis as long as the longer run', () => {
    const [xs, aLoss, aVal, bLoss, bVal] = comparisonColumns([epochLog(1), epochLog(2)], [epochLog(1, null)]);
    expect(xs).toEqual([1, 2]);
    expect(aLoss).toEqual([0.6, 0.3]);
    expect(aVal).toEqual([0.5, 0.25]);
    expect(bLoss).toEqual([0.6, null]);
    expect(bVal).toEqual([null, null]);
  });
});
