import { describe, expect, it } from 'vitest';
import type { BatchLog } from '@/core/model/types';
import { BatchThrottle } from './batchThrottle';

const log = (epoch: number, batch: number, loss: number, accuracy: number, batchesPerEpoch = 4): BatchLog => ({
  epoch,
  batch,
  batchesPerEpoch,
  loss,
  accuracy,
  examplesPerSecond: 100,
});

describe('BatchThrottle', () => {
  it('sends the first batch, drops batches inside the interval, always sends the last of an epoch', () => {
    let t = 0;
    const throttle = new BatchThrottle({ intervalMs: 100, smoothing: 0.5, now: () => t });
    const sent: number[] = [];
    const table: [time: number, batch: number][] = [
      [0, 1],
      [10, 2],
      [150, 3],
      [160, 4],
    ];
    for (const [time, batch] of table) {
      t = time;
      if (throttle.accept(log(1, batch, 1, 0.5))) sent.push(batch);
    }
    expect(sent).toEqual([1, 3, 4]);
  });

  it('smooths over every batch, including the ones not sent, with bias correction', () => {
    let t = 0;
    const throttle = new BatchThrottle({ intervalMs: 1000, smoothing: 0.5, now: () => t });
    const first = throttle.accept(log(1, 1, 2, 0));
    // Bias-corrected: the first smoothed value is the first value, not half of it.
    expect(first?.smoothedLoss).toBeCloseTo(2);
    t = 1;
    expect(throttle.accept(log(1, 2, 0, 1))).toBeNull();
    t = 2;
    expect(throttle.accept(log(1, 3, 0, 1))).toBeNull();
    t = 3;
    const last = throttle.accept(log(1, 4, 0, 1));
    // EMA with bias correction after 2,0,0,0 at beta 0.5: (0.5^3 * 0.5 * 2) / (1 - 0.5^4) = 0.1333…
    expect(last?.smoothedLoss).toBeCloseTo(0.125 / 0.9375, 6);
    // Accuracy 0,1,1,1: raw EMA 0.875, corrected 0.875 / 0.9375.
    expect(last?.smoothedAccuracy).toBeCloseTo(0.875 / 0.9375, 6);
  });
});
