import { describe, expect, it } from 'vitest';
import type { EpochLog } from '@/core/model/types';
import { chartColumns, chartMarkers, xAxisEnd } from './chartData';
import { i18n } from '../i18n';

const t = i18n.getFixedT('en');

const epoch = (n: number, loss: number, valLoss: number | null): EpochLog => ({
  epoch: n,
  loss,
  accuracy: 1 - loss,
  valLoss,
  valAccuracy: valLoss === null ? null : 1 - valLoss,
  examplesPerSecond: 1,
  seconds: 1,
});

describe('chartColumns', () => {
  it('merges batch points and epoch points on one ascending x axis with nulls between', () => {
    const batches = [
      { x: 0.5, loss: 0.9, accuracy: 0.4 },
      { x: 1, loss: 0.8, accuracy: 0.5 },
      { x: 1.5, loss: 0.6, accuracy: 0.7 },
    ];
    const [xs, perBatch, train, val] = chartColumns(batches, [epoch(1, 0.7, 0.75)], 'loss');
    expect(xs).toEqual([0.5, 1, 1, 1.5]);
    expect(perBatch).toEqual([0.9, 0.8, null, 0.6]);
    expect(train).toEqual([null, null, 0.7, null]);
    expect(val).toEqual([null, null, 0.75, null]);
  });

  it('draws a model’s history alone (no batches), and accuracy from the accuracy fields', () => {
    const [xs, perBatch, train, val] = chartColumns([], [epoch(1, 0.5, null), epoch(2, 0.25, 0.3)], 'accuracy');
    expect(xs).toEqual([1, 2]);
    expect(perBatch).toEqual([null, null]);
    expect(train).toEqual([0.5, 0.75]);
    expect(val).toEqual([null, 0.7]);
  });
});

describe('chartMarkers', () => {
  it.each([
    ['completed', 3, 3, ['kept (epoch 3)']],
    ['early-stopping', 2, 5, ['kept (epoch 2)', 'stopped early']],
    ['user', 4, 4, ['kept (epoch 4)']],
    ['user', 1, 2, ['kept (epoch 1)', 'stopped by you']],
    // A checkpoint of a run cut short: only the epoch it kept.
    ['interrupted', 1, 3, ['kept (epoch 1)']],
  ] as const)('%s, best %i of %i', (reason, best, run, labels) => {
    expect(chartMarkers(t, reason, best, run).map((m) => m.label)).toEqual(labels);
  });

  it('marks nothing while training runs', () => {
    expect(chartMarkers(t, null, null, 3)).toEqual([]);
  });
});

describe('xAxisEnd', () => {
  const batch = (x: number) => ({ x, loss: 0.5, accuracy: 0.5 });
  it.each([
    ['nothing yet', [], [], 1],
    ['half-way through epoch 1', [batch(0.5)], [], 1],
    ['epoch 3 under way', [batch(1), batch(2), batch(2.4)], [epoch(1, 0.5, 0.5), epoch(2, 0.4, 0.4)], 3],
    ['the end of epoch 2, before its log', [batch(1), batch(2)], [epoch(1, 0.5, 0.5)], 2],
    ['a model’s history that stopped at epoch 2 of 20', [], [epoch(1, 0.5, 0.5), epoch(2, 0.4, 0.6)], 2],
  ] as const)('%s', (_what, batches, epochs, end) => {
    expect(xAxisEnd([...batches], [...epochs])).toBe(end);
  });
});
