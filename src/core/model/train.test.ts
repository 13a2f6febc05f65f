import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import type { EncodedCorpus } from '../text/types';
import { trecSlice } from '../../../tests/helpers/modelFixtures';
import { corpusBatches } from './batch';
import { SparseTrainer } from './sparse/sparseTrainer';
import { trainModel } from './train';
import { balancedClassWeights } from './trainingPath';
import type { BatchLog, EpochLog, Hyperparameters, ModelWeights } from './types';

const data = trecSlice(1500);
const base: Hyperparameters = { ...data.settings, epochs: 2, earlyStoppingPatience: 0 };

/** Validation loss of some weights, computed the way training reports val_loss. */
function validationLoss(weights: ModelWeights, validation: EncodedCorpus): number {
  const trainer = new SparseTrainer(weights, { learningRate: 0, dropout: 0, classWeights: null, seed: 0 });
  return trainer.evaluate(corpusBatches(validation, 256, base.sequenceLength)).loss;
}

/** Exact element-wise equality (vitest's deep equality is slow on large typed arrays). */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function majorityShare(corpus: EncodedCorpus): number {
  const counts = new Map<number, number>();
  for (const c of corpus.labels) counts.set(c, (counts.get(c) ?? 0) + 1);
  return Math.max(...counts.values()) / corpus.labels.length;
}

describe('trainModel', () => {
  it('learns real TREC questions in 2 epochs and reports every batch and epoch', async () => {
    const batches: BatchLog[] = [];
    const epochs: EpochLog[] = [];
    const backends: string[] = [];
    const result = await trainModel({ train: data.train, validation: data.validation }, data.shape, base, 'wasm', {
      onBackend: (r) => backends.push(r.name),
      onBatch: (log) => batches.push(log),
      onEpoch: (log) => epochs.push(log),
    });

    const perEpoch = Math.ceil((data.train.offsets.length - 1) / base.batchSize);
    expect(backends).toEqual(['wasm']);
    expect(batches).toHaveLength(2 * perEpoch);
    expect(batches[0]).toMatchObject({ epoch: 1, batch: 1, batchesPerEpoch: perEpoch });
    expect(batches[batches.length - 1]).toMatchObject({ epoch: 2, batch: perEpoch });
    for (const b of batches) {
      expect(Number.isFinite(b.loss)).toBe(true);
      expect(b.accuracy).toBeGreaterThanOrEqual(0);
      expect(b.accuracy).toBeLessThanOrEqual(1);
      expect(b.examplesPerSecond).toBeGreaterThan(0);
    }
    expect(epochs).toEqual(result.history);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1].loss).toBeLessThan(epochs[0].loss);
    expect(epochs[1].valLoss).toBeLessThan(epochs[0].valLoss ?? 0);
    expect(epochs[1].valAccuracy).toBeGreaterThan(majorityShare(data.validation) + 0.1);
    for (const e of epochs) expect(e.seconds).toBeGreaterThan(0);
    expect(result).toMatchObject({ bestEpoch: 2, stopReason: 'completed' });
    expect(result.backend).toEqual({ name: 'wasm', path: 'sparse', choice: 'user', pathChoice: 'only', measurements: [] });
    expect(result.weights.embedding).toHaveLength(data.shape.vocabSize * data.shape.embeddingDim);
  });

  it('trains the same on cpu as on wasm (same seed, nearly the same numbers)', async () => {
    const hp = { ...base, epochs: 1 };
    const wasm = await trainModel({ train: data.train, validation: data.validation }, data.shape, hp, 'wasm');
    const cpu = await trainModel({ train: data.train, validation: data.validation }, data.shape, hp, 'cpu');
    expect(cpu.history[0].loss).toBeCloseTo(wasm.history[0].loss, 4);
    expect(cpu.history[0].valLoss).toBeCloseTo(wasm.history[0].valLoss ?? 0, 4);
  });

  it('auto measures the backends Node has and trains on the fastest', async () => {
    const result = await trainModel({ train: data.train, validation: null }, data.shape, { ...base, epochs: 1 }, 'auto');
    const measured = result.backend.measurements;
    expect(measured.map((m) => m.name)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(measured[0].error).toMatch(/Node/);
    // No webgl here, so the sparse path is the only one measured and the one that runs.
    const [wasm, cpu] = [measured[1].speeds?.sparse ?? 0, measured[2].speeds?.sparse ?? 0];
    expect(wasm).toBeGreaterThan(0);
    expect(cpu).toBeGreaterThan(0);
    const fastest = wasm >= cpu ? 'wasm' : 'cpu';
    expect(result.backend).toMatchObject({ name: fastest, path: 'sparse', choice: 'measured', pathChoice: 'only' });
    expect(tf.getBackend()).toBe(fastest);
  });

  it('is reproducible from its seed', async () => {
    const hp = { ...base, epochs: 1 };
    const a = await trainModel({ train: data.train, validation: null }, data.shape, hp, 'cpu');
    const b = await trainModel({ train: data.train, validation: null }, data.shape, hp, 'cpu');
    const c = await trainModel({ train: data.train, validation: null }, data.shape, { ...hp, seed: hp.seed + 1 }, 'cpu');
    expect(sameValues(b.weights.outputKernel, a.weights.outputKernel)).toBe(true);
    expect(sameValues(b.weights.embedding, a.weights.embedding)).toBe(true);
    expect(sameValues(c.weights.outputKernel, a.weights.outputKernel)).toBe(false);
  });

  it('stops on request between batches and keeps the best epoch\'s weights', async () => {
    // A high learning rate overfits fast, so the best val_loss comes before the last epoch.
    const hp = { ...base, epochs: 8, learningRate: 0.02 };
    let batchesSeen = 0;
    const result = await trainModel({ train: data.train, validation: data.validation }, data.shape, hp, 'wasm', {
      onBatch: (log) => {
        if (log.epoch === 5) batchesSeen++;
      },
      shouldStop: () => batchesSeen >= 3,
    });
    expect(result.stopReason).toBe('user');
    expect(result.history).toHaveLength(4);
    const losses = result.history.map((e) => e.valLoss ?? Infinity);
    expect(result.bestEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(result.bestEpoch).toBeLessThan(4);
    expect(validationLoss(result.weights, data.validation)).toBeCloseTo(losses[result.bestEpoch - 1], 5);
  });

  it('stops early when val_loss stops improving and restores the best weights', async () => {
    const hp = { ...base, epochs: 20, learningRate: 0.02, earlyStoppingPatience: 1 };
    const result = await trainModel({ train: data.train, validation: data.validation }, data.shape, hp, 'wasm');
    expect(result.stopReason).toBe('early-stopping');
    expect(result.history.length).toBe(result.bestEpoch + 1);
    const last = result.history[result.history.length - 1].valLoss ?? 0;
    const best = result.history[result.bestEpoch - 1].valLoss ?? 0;
    expect(last).toBeGreaterThanOrEqual(best);
    expect(validationLoss(result.weights, data.validation)).toBeCloseTo(best, 5);
  });

  it('keeps the last weights when there is no validation data', async () => {
    const result = await trainModel({ train: data.train, validation: null }, data.shape, { ...base, earlyStoppingPatience: 1 }, 'cpu');
    expect(result).toMatchObject({ bestEpoch: 2, stopReason: 'completed' });
    expect(result.history.map((e) => e.valLoss)).toEqual([null, null]);
  });

  it('leaks no tensors: the count is the same after the 2nd and the last epoch, and after training', async () => {
    await trainModel({ train: data.train, validation: data.validation }, data.shape, { ...base, epochs: 1 }, 'wasm');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await trainModel({ train: data.train, validation: data.validation }, data.shape, { ...base, epochs: 5 }, 'wasm', {
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    expect(counts).toHaveLength(5);
    expect(counts[4]).toBe(counts[1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weights the loss by class when asked (balanced = n / (k · count))', async () => {
    expect(Array.from(balancedClassWeights(Int32Array.from([0, 0, 0, 1]), 3))).toEqual([4 / 6, 2, 0].map(Math.fround));
    const hp = { ...base, epochs: 1 };
    const plain = await trainModel({ train: data.train, validation: null }, data.shape, hp, 'cpu');
    const balanced = await trainModel({ train: data.train, validation: null }, data.shape, { ...hp, classWeighting: 'balanced' }, 'cpu');
    expect(Number.isFinite(balanced.history[0].loss)).toBe(true);
    expect(sameValues(balanced.weights.outputBias, plain.weights.outputBias)).toBe(false);
  });

  it('rejects data it cannot train on with a SiftError', async () => {
    const empty: EncodedCorpus = { ids: new Int32Array(0), offsets: Int32Array.from([0]), labels: new Int32Array(0) };
    const badId: EncodedCorpus = { ids: Int32Array.from([data.shape.vocabSize]), offsets: Int32Array.from([0, 1]), labels: Int32Array.from([0]) };
    const cases: [EncodedCorpus, number, string][] = [
      [empty, data.shape.numClasses, 'NO_EXAMPLES'],
      [data.train, 1, 'SINGLE_CLASS'],
      [badId, data.shape.numClasses, 'TRAINING_FAILED'],
    ];
    for (const [train, numClasses, code] of cases) {
      const error = await trainModel({ train, validation: null }, { ...data.shape, numClasses }, base, 'cpu').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SiftError);
      expect((error as SiftError).code).toBe(code);
    }
  });
});
