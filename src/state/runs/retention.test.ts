import { describe, expect, it } from 'vitest';
import { runRecord } from '../../../tests/helpers/runs';
import { keptModelBytes, modelsToDrop } from './retention';

const MB = 1024 * 1024;
/** Runs 1..n, newest first, each with a model of `mb` MB. */
const runs = (n: number, mb = 5) => Array.from({ length: n }, (_, i) => runRecord(n - i, {}, mb * MB));

describe('modelsToDrop', () => {
  it('keeps the models of the newest runs and drops the rest', () => {
    expect(modelsToDrop(runs(7), null, { keepModels: 5, maxModelBytes: 1000 * MB })).toEqual(['run-2', 'run-1']);
  });

  it('never drops the current model’s run or a run still training', () => {
    const list = runs(7);
    list[6] = { ...list[6], status: 'training' };
    expect(modelsToDrop(list, 'run-2', { keepModels: 5, maxModelBytes: 1000 * MB })).toEqual([]);
  });

  it('drops the oldest kept models until the rest fit the byte budget', () => {
    // 4 × 30 MB = 120 MB over a 70 MB budget: the two oldest go.
    expect(modelsToDrop(runs(4, 30), null, { keepModels: 5, maxModelBytes: 70 * MB }).sort()).toEqual(['run-1', 'run-2']);
  });

  it('counts only runs that still have a model', () => {
    const list = [runRecord(3), runRecord(2, {}, null), runRecord(1)];
    expect(modelsToDrop(list, null, { keepModels: 2, maxModelBytes: 1000 * MB })).toEqual([]);
    expect(keptModelBytes(list)).toBe(10_000_000);
  });
});
