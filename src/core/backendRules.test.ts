/**
 * The backend rules with a stand-in for one training attempt, so that the failures they exist
 * for (WebGL lost mid-run, a remembered backend that no longer starts) can happen in Node.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LostContextTrainer } from '../../tests/helpers/lostContextTrainer';
import { trainWithBackendRules, type BackendFallback, type BackendMemory } from './backendRules';
import { loadDataset } from './dataset/load';
import { SiftError } from './errors';
import { useBackend } from './model/backend';
import { corpusSize } from './model/batch';
import { BackendFault, type ResumePoint } from './model/faults';
import { initialWeights } from './model/init';
import { trainEpochs, type TrainOptions } from './model/train';
import { makeTrainer, trainerOptions } from './model/trainingPath';
import type { BackendReport, EpochLog, TrainCallbacks } from './model/types';
import { prepareTraining, trainPrepared, type PreparedTraining, type RunTarget, type TrainOutcome } from './pipeline';
import { resolveSettings, settingsFor } from './settings';

const prepared = (backend: 'auto' | 'webgl') => ({ settings: resolveSettings({ backend }), input: { fileName: 'a.csv' } }) as PreparedTraining;
const outcome = {} as TrainOutcome;
const report = (name: BackendReport['name'], choice: BackendReport['choice']): BackendReport => ({ name, path: 'sparse', choice, pathChoice: 'only', measurements: [] });

describe('trainWithBackendRules', () => {
  it('moves a run that loses WebGL mid-run to wasm, says so, and forgets WebGL for later runs', async () => {
    const memory: BackendMemory = { known: { report: report('webgl', 'measured'), fileName: 'a.csv', at: 0 } };
    const targets: RunTarget[] = [];
    const fallbacks: BackendFallback[] = [];
    const result = await trainWithBackendRules(prepared('webgl'), memory, { onFallback: (f) => fallbacks.push(f) }, () => 0, async (_p, target, callbacks) => {
      targets.push(target);
      callbacks?.onBackend?.(report(target.backend === 'wasm' ? 'wasm' : 'webgl', 'user'));
      if (target.backend === 'webgl') throw new Error('CONTEXT_LOST_WEBGL');
      return outcome;
    });
    expect(result).toBe(outcome);
    expect(targets).toEqual([{ backend: 'webgl' }, { backend: 'wasm' }]);
    expect(fallbacks).toEqual([{ from: 'webgl', to: 'wasm', reason: 'CONTEXT_LOST_WEBGL', failedInEpoch: 0, keptEpochs: 0 }]);
    expect(memory.known).toBeNull();
  });

  it('continues from the last good epoch when WebGL stopped giving real results, and says which epochs it kept', async () => {
    const resume = { epochs: 2 } as ResumePoint;
    const calls: { target: RunTarget; options: TrainOptions | undefined }[] = [];
    const fallbacks: BackendFallback[] = [];
    await trainWithBackendRules(prepared('webgl'), { known: null }, { onFallback: (f) => fallbacks.push(f) }, () => 0, async (_p, target, callbacks, options) => {
      calls.push({ target, options });
      callbacks?.onBackend?.(report(target.backend === 'wasm' ? 'wasm' : 'webgl', 'user'));
      if (target.backend === 'webgl') throw new BackendFault('the WebGL context was lost', 3, resume);
      return outcome;
    });
    expect(calls).toEqual([
      { target: { backend: 'webgl' }, options: {} },
      { target: { backend: 'wasm' }, options: { resume } },
    ]);
    expect(fallbacks).toEqual([{ from: 'webgl', to: 'wasm', reason: 'the WebGL context was lost', failedInEpoch: 3, keptEpochs: 2 }]);
  });

  it('a run on SMS whose WebGL context is lost in epoch 2 ends on wasm as good as one that never failed', async () => {
    const examples = loadDataset(new Uint8Array(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv'))).examples;
    const input = { examples, fileName: 'sms_spam.csv', textColumn: 'text', labelColumn: 'label' };
    const run = prepareTraining(input, settingsFor(null, { epochs: 3, earlyStoppingPatience: 0, backend: 'webgl' }));
    const perEpoch = Math.ceil(corpusSize(run.data.train) / run.settings.batchSize);
    /** WebGL as the browser gives it, its context lost mid epoch 2: the real loop on a stand-in step. */
    const lostInEpoch2 = async (p: PreparedTraining, target: RunTarget, callbacks: TrainCallbacks = {}, options: TrainOptions = {}): Promise<TrainOutcome> => {
      if (target.backend !== 'webgl') return trainPrepared(p, target, callbacks, options);
      await useBackend('wasm');
      const webgl = report('webgl', 'user');
      callbacks.onBackend?.(webgl);
      const real = makeTrainer('sparse', initialWeights(p.shape, p.settings.seed), trainerOptions(p.data, p.shape, p.settings), 'adopt');
      const trainer = new LostContextTrainer(real, perEpoch + 10);
      try {
        await trainEpochs(trainer, p.data, p.settings, webgl, callbacks, { started: performance.now(), classWeights: null, resume: null });
      } finally {
        trainer.dispose();
      }
      throw new Error('the context loss went unnoticed');
    };
    const fallbacks: BackendFallback[] = [];
    const epochs: EpochLog[] = [];
    const outcome = await trainWithBackendRules(run, { known: null }, { onFallback: (f) => fallbacks.push(f), onEpoch: (e) => epochs.push(e) }, () => 0, lostInEpoch2);
    expect(fallbacks).toMatchObject([{ from: 'webgl', to: 'wasm', failedInEpoch: 2, keptEpochs: 1, reason: expect.stringMatching(/equal odds/) }]);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(outcome.model.manifest.training.history).toEqual(epochs);
    expect(outcome.model.manifest.training.backend).toBe('wasm');
    const unbroken = await trainPrepared(run, { backend: 'wasm' });
    console.log('SMS, 3 epochs, WebGL lost in epoch 2: validation accuracy', outcome.validation?.accuracy, 'macro-F1', outcome.validation?.macroF1, '; never failed:', unbroken.validation?.accuracy, unbroken.validation?.macroF1);
    expect(outcome.validation?.accuracy).toBeGreaterThan(0.95);
    expect(outcome.validation?.accuracy).toBeGreaterThan((unbroken.validation?.accuracy ?? 1) - 0.01);
  });

  it('measures afresh when a remembered backend no longer starts, and remembers the new choice', async () => {
    const memory: BackendMemory = { known: { report: report('webgl', 'measured'), fileName: 'a.csv', at: 0 } };
    const targets: RunTarget[] = [];
    const seen: BackendReport[] = [];
    await trainWithBackendRules(prepared('auto'), memory, { onBackend: (r) => seen.push(r) }, () => 5, async (_p, target, callbacks) => {
      targets.push(target);
      if (target.backend === 'webgl') throw new SiftError('BACKEND_UNAVAILABLE', 'no WebGL context');
      callbacks?.onBackend?.(report('wasm', 'measured'));
      return outcome;
    });
    expect(targets).toEqual([{ backend: 'webgl', path: 'sparse' }, { backend: 'auto' }]);
    expect(seen.map((r) => `${r.name} ${r.choice}`)).toEqual(['wasm measured']);
    expect(memory.known).toMatchObject({ report: { name: 'wasm' }, fileName: 'a.csv', at: 5 });
  });

  it('never retries a problem with the data or settings, nor a run the person stopped', async () => {
    const memory: BackendMemory = { known: null };
    let attempts = 0;
    const fail = async (): Promise<TrainOutcome> => {
      attempts++;
      throw new SiftError('SINGLE_CLASS', 'one class');
    };
    await expect(trainWithBackendRules(prepared('webgl'), memory, {}, () => 0, fail)).rejects.toMatchObject({ code: 'SINGLE_CLASS' });
    expect(attempts).toBe(1);
    const stopped = async (_p: PreparedTraining, _t: RunTarget, callbacks?: { shouldStop?(): boolean; onBackend?(r: BackendReport): void }) => {
      callbacks?.onBackend?.(report('webgl', 'user'));
      callbacks?.shouldStop?.();
      throw new Error('lost');
    };
    await expect(trainWithBackendRules(prepared('webgl'), memory, { shouldStop: () => true }, () => 0, stopped)).rejects.toThrow('lost');
  });
});
