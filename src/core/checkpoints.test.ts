/**
 * Checkpoints as the worker writes them while a run trains: the best epoch so far as a bundle that
 * opens like any other and says it is a checkpoint, throttled, never after the run's result.
 */
import { deserializeModel } from './bundle/storedModel';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { importBundle } from './bundle/import';
import type { CheckpointBundle } from './checkpoints';
import type { EpochLog } from './model/types';
import { EngineSession } from './session';

const SMS = new TextEncoder().encode(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 301).join('\n'));
// Patience 0: every epoch runs, and validation loss improves over the first few on this file.
const OVERRIDES = { epochs: 4, embeddingDim: 8, hiddenUnits: 8, batchSize: 32, vocabularySize: 1000, validationShare: 0.2, earlyStoppingPatience: 0, backend: 'cpu' } as const;

async function train(throttle: { intervalMs: number; costFactor: number }) {
  const session = new EngineSession(() => performance.now(), { checkpoints: throttle });
  session.load(SMS, {}, 'sms.csv');
  const order: string[] = [];
  const checkpoints: CheckpointBundle[] = [];
  const epochs: EpochLog[] = [];
  const trained = await session.train(OVERRIDES, 'sms', {
    onEpoch: (log) => {
      epochs.push(log);
      order.push(`epoch ${log.epoch}`);
    },
    onCheckpoint: (c) => {
      checkpoints.push(c);
      order.push(`checkpoint ${c.epoch}`);
    },
  });
  order.push('trained');
  return { trained, checkpoints, epochs, order };
}

/** Epochs whose validation loss was the lowest so far: where the loop finds a new best. */
const improvements = (epochs: EpochLog[]) => epochs.filter((e, i) => epochs.slice(0, i).every((p) => (e.valLoss ?? Infinity) < (p.valLoss ?? Infinity))).map((e) => e.epoch);

describe('checkpoints of a run', () => {
  it('unthrottled: new best epochs only, the last one the epoch kept, each a bundle that says it was cut short', async () => {
    await tf.ready();
    const tensors = tf.memory().numTensors;
    const { trained, checkpoints, epochs, order } = await train({ intervalMs: 0, costFactor: 0 });
    // One per improvement, except one found while the previous was being written: then the next goes.
    const written = checkpoints.map((c) => c.epoch);
    expect(written.every((epoch) => improvements(epochs).includes(epoch))).toBe(true);
    expect(written).toEqual([...new Set(written)].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(trained.model.training.bestEpoch);
    expect(order.at(-1)).toBe('trained');
    for (const c of checkpoints) {
      const { manifest } = await importBundle(c.bundle);
      expect(manifest.training).toMatchObject({ bestEpoch: c.epoch, stopReason: 'interrupted' });
      expect(manifest.createdAt).toBe(c.createdAt);
      expect(manifest.training.history.length).toBeGreaterThanOrEqual(c.epoch);
      expect(manifest.metrics).toEqual({ validation: null, test: null });
      expect(c.exportMs).toBeGreaterThan(0);
    }
    // The last checkpoint holds the weights the run kept: the final bundle's, but for the output
    // layer, which the final model has divided by its calibration temperature.
    const last = await importBundle(checkpoints.at(-1)!.bundle);
    const final = deserializeModel(trained.stored);
    expect(Array.from(last.weights.embedding)).toEqual(Array.from(final.weights.embedding));
    expect(Array.from(last.weights.hiddenKernel)).toEqual(Array.from(final.weights.hiddenKernel));
    expect(last.manifest.calibration).toBeUndefined();
    expect(tf.memory().numTensors).toBe(tensors);
  }, 120_000);

  it('throttled: the first best epoch is written at once, later ones wait their turn', async () => {
    const { checkpoints } = await train({ intervalMs: 3_600_000, costFactor: 0 });
    expect(checkpoints.map((c) => c.epoch)).toEqual([1]);
  }, 120_000);
});
