import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '@/worker/protocol';
import { epochLog } from '../../tests/helpers/runs';
import { trainingOutlook, type TrainingPlan } from './eta';
import type { RunState } from './types';

/** Batch `batch` of 10 in epoch `epoch`. */
const at = (epoch: number, batch: number): BatchProgress => ({
  log: { epoch, batch, batchesPerEpoch: 10, loss: 0.5, accuracy: 0.5, examplesPerSecond: 100 },
  smoothedLoss: 0.5,
  smoothedAccuracy: 0.5,
});
/** Finished epochs with these validation losses, 2 s each. */
const finished = (...valLosses: number[]) => valLosses.map((v, i) => ({ ...epochLog(i + 1, v), seconds: 2 }));
const run = (progress: BatchProgress | null, epochs = finished(), firstBatchAt: number | null = 0): Pick<RunState, 'progress' | 'firstBatchAt' | 'epochs'> => ({ progress, epochs, firstBatchAt });

const EARLY: TrainingPlan = { totalEpochs: 20, patience: 1, validation: true };
const ALL: TrainingPlan = { totalEpochs: 20, patience: 0, validation: true };

describe('trainingOutlook', () => {
  it('cannot know before it has a pace', () => {
    expect(trainingOutlook(run(null), EARLY, 1000).eta).toEqual({ kind: 'unknown' });
    expect(trainingOutlook(run(at(1, 2)), EARLY, 1000).eta).toEqual({ kind: 'unknown' });
  });

  it('without early stopping: every epoch left at the pace of the batches so far', () => {
    // 5 batches, the clock started at the first: 4 batches in 4 s, so 10 s per epoch; 19.5 epochs left.
    const { eta, fraction } = trainingOutlook(run(at(1, 5)), ALL, 4000);
    expect(eta).toEqual({ kind: 'about', seconds: 195 });
    expect(fraction).toBeCloseTo(0.5 / 20);
  });

  it('in epoch 1 with early stopping: probably epoch 1 and one more, at most all 20', () => {
    const { eta } = trainingOutlook(run(at(1, 5)), EARLY, 4000);
    expect(eta).toEqual({ kind: 'early-stopping', likely: 15, atMost: 195, patience: 1 });
  });

  it('after a better epoch 2: epoch 3 in progress is probably the last (patience 1); finished epochs set the pace', () => {
    const { eta, fraction } = trainingOutlook(run(at(3, 5), finished(0.5, 0.4)), EARLY, 60_000);
    expect(eta).toEqual({ kind: 'early-stopping', likely: 1, atMost: 1 + 17 * 2, patience: 1 });
    expect(fraction).toBeCloseTo(2.5 / 3);
  });

  it('when the ceiling is as near as the likely stop, one figure', () => {
    const { eta } = trainingOutlook(run(at(3, 5), finished(0.5, 0.4)), { ...EARLY, totalEpochs: 3 }, 60_000);
    expect(eta).toEqual({ kind: 'about', seconds: 1 });
  });

  it('with patience 2 after a worse epoch: the epoch in progress ends it', () => {
    const { eta } = trainingOutlook(run(at(3, 0), finished(0.4, 0.5)), { ...EARLY, patience: 2 }, 60_000);
    expect(eta).toMatchObject({ kind: 'early-stopping', likely: 2 });
  });

  it('without validation nothing stops early', () => {
    expect(trainingOutlook(run(at(1, 5)), { ...EARLY, validation: false }, 4000).eta).toEqual({ kind: 'about', seconds: 195 });
  });
});
