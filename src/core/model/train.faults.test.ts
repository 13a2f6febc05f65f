/**
 * The training loop on a backend that stops giving real results (a lost WebGL context), with a
 * stand-in step that behaves as tfjs does then (tests/helpers/lostContextTrainer.ts): the run is
 * stopped in the epoch it happens, and a resumed run continues from the last good epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LostContextTrainer, type LostContextBehaviour } from '../../../tests/helpers/lostContextTrainer';
import { trecSlice } from '../../../tests/helpers/modelFixtures';
import { SiftError } from '../errors';
import { useBackend } from './backend';
import { corpusSize } from './batch';
import { BackendFault, DEGENERATE_BATCHES } from './faults';
import { initialWeights } from './init';
import { copyWeights } from './stepTrainer';
import { trainEpochs, trainModel } from './train';
import { makeTrainer, trainerOptions } from './trainingPath';
import type { BackendName, BackendReport, EpochLog, Hyperparameters, ModelWeights, TrainCallbacks } from './types';

const data = trecSlice(1500);
const hp: Hyperparameters = { ...data.settings, epochs: 3, earlyStoppingPatience: 0 };
const trainData = { train: data.train, validation: data.validation };
const perEpoch = Math.ceil(corpusSize(data.train) / hp.batchSize);
const report = (name: BackendName): BackendReport => ({ name, path: 'sparse', choice: 'user', pathChoice: 'only', measurements: [] });

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Trains on the stand-in, which breaks at step `breakAt`; records the weights at the end of each
 * epoch. Reports the backend as `backend` (the loop watches webgl runs only).
 */
async function runBreaking(breakAt: number, behaviour: LostContextBehaviour, backend: BackendName = 'webgl', callbacks: TrainCallbacks = {}) {
  const real = makeTrainer('sparse', initialWeights(data.shape, hp.seed), trainerOptions(trainData, data.shape, hp), 'adopt');
  const trainer = new LostContextTrainer(real, breakAt, behaviour);
  const epochWeights: ModelWeights[] = [];
  const epochs: EpochLog[] = [];
  const outcome = await trainEpochs(
    trainer,
    trainData,
    hp,
    report(backend),
    {
      ...callbacks,
      onEpoch: (log) => {
        epochs.push(log);
        epochWeights.push(trainer.weights());
      },
    },
    { started: performance.now(), classWeights: null, resume: null },
  ).then(
    (result) => ({ result, error: null }),
    (error: unknown) => ({ result: null, error }),
  );
  trainer.dispose();
  return { ...outcome, trainer, epochs, epochWeights };
}

describe('the training loop on a backend that loses its context', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('stops in the epoch where reads turn to zeros, and says where the run can continue', async () => {
    const breakAt = perEpoch + 7; // mid epoch 2
    const { error, trainer, epochs, epochWeights } = await runBreaking(breakAt, 'zeros');
    expect(error).toBeInstanceOf(BackendFault);
    const fault = error as BackendFault;
    expect(fault.code).toBe('BACKEND_FAULT');
    expect(fault.epoch).toBe(2);
    expect(fault.reason).toMatch(/stayed at 1\.7918, what equal odds for every class score/);
    // Stopped at the DEGENERATE_BATCHES-th zero batch, not at the end of the epoch.
    expect(trainer.steps).toBe(breakAt + DEGENERATE_BATCHES);
    expect(epochs.map((e) => e.epoch)).toEqual([1]);
    const resume = fault.resume;
    if (!resume) throw new Error('no resume point');
    expect(resume.epochs).toBe(1);
    expect(resume.history).toEqual(epochs);
    expect(resume.best?.epoch).toBe(1);
    expect(resume.seconds).toBeGreaterThan(0);
    for (const name of ['embedding', 'hiddenKernel', 'outputBias'] as const) {
      expect(sameValues(resume.weights[name], epochWeights[0][name])).toBe(true);
    }
  });

  it.each([
    ['a step that throws', 'throws' as const, /it failed \(CONTEXT_LOST_WEBGL\)/, 1],
    ['a NaN loss', 'nan' as const, /the loss became NaN/, 1],
  ])('treats %s as a fault too', async (_name, behaviour, reason, batchesAfterBreak) => {
    const breakAt = 2 * perEpoch + 3; // in epoch 3
    const { error, trainer } = await runBreaking(breakAt, behaviour);
    expect(error).toBeInstanceOf(BackendFault);
    expect((error as BackendFault).reason).toMatch(reason);
    expect((error as BackendFault).resume?.epochs).toBe(2);
    expect(trainer.steps).toBe(breakAt + batchesAfterBreak);
  });

  it('stops at once when the worker hears the context being lost', async () => {
    let batches = 0;
    const lostAfter = perEpoch + 2;
    const { error } = await runBreaking(Number.POSITIVE_INFINITY, 'zeros', 'webgl', {
      onBatch: () => batches++,
      backendFault: () => (batches >= lostAfter ? 'the browser reported that the WebGL context was lost' : null),
    });
    expect(error).toBeInstanceOf(BackendFault);
    expect((error as BackendFault).message).toBe('The backend stopped giving real results in epoch 2: the browser reported that the WebGL context was lost.');
    expect(batches).toBe(lostAfter);
  });

  it('catches one class for every validation text after a good epoch (the context lost between training and validation)', async () => {
    // Zeros from the first evaluation of epoch 2 on: its training steps were all real.
    const breakAt = 2 * perEpoch;
    const { error, epochs } = await runBreaking(breakAt, 'zeros');
    expect((error as BackendFault).epoch).toBe(2);
    expect((error as BackendFault).reason).toMatch(/every validation text was predicted as one class/);
    expect(epochs).toHaveLength(1);
  });

  it('has nothing to continue from when the first epoch fails: the run starts over', async () => {
    const { error } = await runBreaking(10, 'zeros');
    expect((error as BackendFault).epoch).toBe(1);
    expect((error as BackendFault).resume).toBeNull();
  });

  it('does not watch wasm or cpu: a NaN there is a diverged run, as before', async () => {
    const { error } = await runBreaking(5, 'nan', 'cpu');
    expect(error).toBeInstanceOf(SiftError);
    expect(error).not.toBeInstanceOf(BackendFault);
    expect((error as SiftError).code).toBe('TRAINING_FAILED');
  });

  it('a resumed run shuffles its epochs as the whole run would have', async () => {
    const whole = await runBreaking(Number.POSITIVE_INFINITY, 'zeros');
    const { error } = await runBreaking(perEpoch + 7, 'zeros');
    const resume = (error as BackendFault).resume;
    if (!resume) throw new Error('no resume point');
    const trainer = new LostContextTrainer(makeTrainer('sparse', copyWeights(resume.weights), trainerOptions(trainData, data.shape, hp), 'adopt'), Number.POSITIVE_INFINITY);
    await trainEpochs(trainer, trainData, { ...hp, epochs: 2 }, report('cpu'), {}, { started: performance.now(), classWeights: null, resume });
    expect(trainer.batchIds).toHaveLength(perEpoch);
    expect(trainer.batchIds).toEqual(whole.trainer.batchIds.slice(perEpoch, 2 * perEpoch));
  });

  it('a resumed run goes on from the kept epoch: its history, its best epoch, its time', async () => {
    const { error } = await runBreaking(perEpoch + 7, 'zeros');
    const resume = (error as BackendFault).resume;
    if (!resume) throw new Error('no resume point');
    const kept = copyWeights(resume.weights);
    const seen: number[] = [];
    const resumed = await trainModel(trainData, data.shape, hp, 'cpu', { onEpoch: (log) => seen.push(log.epoch) }, { resume });
    expect(seen).toEqual([2, 3]);
    expect(resumed.history.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(resumed.history[0]).toEqual(resume.history[0]);
    // The resume point's weights are not trained in place (the run copies them).
    expect(sameValues(resume.weights.embedding, kept.embedding)).toBe(true);
    const losses = resumed.history.map((e) => e.valLoss ?? Infinity);
    expect(resumed.bestEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(resumed.seconds).toBeGreaterThan(resume.seconds);

    // As good as the run that never failed (the optimisers restarted, so not the same numbers).
    const whole = await trainModel(trainData, data.shape, hp, 'cpu');
    const bestOf = (h: EpochLog[]) => Math.max(...h.map((e) => e.valAccuracy ?? 0));
    expect(bestOf(resumed.history)).toBeGreaterThan(bestOf(whole.history) - 0.03);
    console.log('TREC 1500, 3 epochs, lost in epoch 2: best val accuracy resumed', bestOf(resumed.history), 'whole', bestOf(whole.history));
  });

  it('leaks no tensors through a fault and a resume', async () => {
    await runBreaking(perEpoch + 7, 'zeros');
    const before = tf.memory().numTensors;
    const { error } = await runBreaking(perEpoch + 7, 'throws');
    await trainModel(trainData, data.shape, hp, 'cpu', {}, { resume: (error as BackendFault).resume ?? undefined });
    expect(tf.memory().numTensors).toBe(before);
  });
});
