import { describe, expect, it } from 'vitest';
import type { BackendReport, EpochLog } from '@/core/model/types';
import type { ProgressEvent } from '@/worker/protocol';
import { emptyRun } from './initialState';
import { applyProgress } from './slices/trainingSlice';

const backend: BackendReport = { name: 'wasm', path: 'sparse', choice: 'user', pathChoice: 'only', measurements: [] };
const batch = (epoch: number, b: number): ProgressEvent => ({
  type: 'batch',
  id: 1,
  progress: { log: { epoch, batch: b, batchesPerEpoch: 10, loss: 1 / b, accuracy: b / 10, examplesPerSecond: 500 }, smoothedLoss: 1 / b, smoothedAccuracy: b / 10 },
});
const epochLog: EpochLog = { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, examplesPerSecond: 500, seconds: 2 };

describe('applyProgress', () => {
  it('folds batches and epochs into the run and announces each finished epoch', () => {
    const run = applyProgress(emptyRun(), [{ type: 'backend', id: 1, report: backend }, batch(1, 5), batch(1, 10), { type: 'epoch', id: 1, log: epochLog }], 1000, 3);
    expect(run.backend?.name).toBe('wasm');
    expect(run.batches.map((p) => p.x)).toEqual([0.5, 1]);
    expect(run.epochs).toHaveLength(1);
    expect(run.firstBatchAt).toBe(1000);
    expect(run.announcement).toEqual({ kind: 'epoch', log: epochLog, totalEpochs: 3 });
  });

  it('starts the curves over after a fallback that kept no epoch', () => {
    const before = applyProgress(emptyRun(), [{ type: 'backend', id: 1, report: { ...backend, name: 'webgl' } }, batch(1, 3)], 0, 3);
    const fallback = { from: 'webgl', to: 'wasm', reason: 'CONTEXT_LOST_WEBGL', failedInEpoch: 1, keptEpochs: 0 } as const;
    const after = applyProgress(before, [{ type: 'fallback', id: 1, fallback }, { type: 'backend', id: 1, report: backend }], 50, 3);
    expect(after.batches).toEqual([]);
    expect(after.fallbacks).toEqual([fallback]);
    expect(after.announcement).toEqual({ kind: 'fallback', fallback });
    expect(after.backend?.name).toBe('wasm');
  });

  it('keeps the epochs a fallback kept and drops the rest of the failed epoch', () => {
    const webgl = { ...backend, name: 'webgl' } as const;
    const before = applyProgress(emptyRun(), [{ type: 'backend', id: 1, report: webgl }, batch(1, 5), batch(1, 10), { type: 'epoch', id: 1, log: epochLog }, batch(2, 4)], 0, 3);
    const fallback = { from: 'webgl', to: 'wasm', reason: 'the WebGL context was lost', failedInEpoch: 2, keptEpochs: 1 } as const;
    const after = applyProgress(before, [{ type: 'fallback', id: 1, fallback }, { type: 'backend', id: 1, report: backend }, batch(2, 1)], 50, 3);
    expect(after.epochs).toEqual([epochLog]);
    expect(after.batches.map((p) => p.x)).toEqual([0.5, 1, 1.1]);
    expect(after.announcement).toEqual({ kind: 'fallback', fallback });
  });

  it('does not mutate the run it was given', () => {
    const run = emptyRun();
    applyProgress(run, [batch(1, 1)], 0, 1);
    expect(run.batches).toEqual([]);
  });
});
