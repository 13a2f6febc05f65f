import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { SiftError } from '../errors';
import { useBackend } from '../model/backend';
import { readExamples } from '../../../tests/helpers/modelFixtures';
import { resolveSettings } from '../settings';
import { outOfFoldProbabilities, type FoldSummary, type OutOfFoldProgress } from './outOfFold';

/** Small and quick, still the engine's real model and early stopping. */
const settings = resolveSettings({ epochs: 3, embeddingDim: 16, hiddenUnits: 16, backend: 'wasm' });
const trec = readExamples('trec/trec_train.csv').slice(0, 900);

function rowSums(probs: Float32Array, k: number): number[] {
  return Array.from({ length: probs.length / k }, (_, i) => probs.subarray(i * k, (i + 1) * k).reduce((a, b) => a + b, 0));
}

describe('outOfFoldProbabilities', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('predicts every TREC question with a model that did not see it, reporting monotonic progress, with no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const progress: OutOfFoldProgress[] = [];
    const folds: FoldSummary[] = [];
    const tensorsAfterFold: number[] = [];
    const result = await outOfFoldProbabilities(trec, settings, { folds: 3 }, {
      onProgress: (p) => progress.push(p),
      onFold: (f) => {
        folds.push(f);
        tensorsAfterFold.push(tf.memory().numTensors);
      },
    });

    const k = result.labels.length;
    expect(result.labels).toEqual([...new Set(trec.map((e) => e.label))].sort());
    expect(result.probabilities).toHaveLength(trec.length * k);
    for (const sum of rowSums(result.probabilities, k)) expect(sum).toBeCloseTo(1, 4);
    // Held out once each; each fold trained on the others.
    expect(folds.map((f) => f.fold)).toEqual([1, 2, 3]);
    expect(folds.reduce((s, f) => s + f.heldOut, 0)).toBe(trec.length);
    for (const f of folds) {
      expect(f.trainExamples + f.heldOut).toBe(trec.length);
      expect(f.epochs).toBeGreaterThan(0);
      expect(f.epochs).toBeLessThanOrEqual(3);
    }
    // Out-of-fold predictions are informative: well above the majority class's share.
    let correct = 0;
    for (let i = 0; i < trec.length; i++) {
      const row = result.probabilities.subarray(i * k, (i + 1) * k);
      if (row.indexOf(Math.max(...row)) === result.given[i]) correct++;
    }
    const majority = Math.max(...result.labels.map((l) => trec.filter((e) => e.label === l).length)) / trec.length;
    expect(correct / trec.length).toBeGreaterThan(majority + 0.2);

    expect(progress.length).toBeGreaterThan(folds.length);
    progress.slice(1).forEach((p, i) => expect(p.fraction).toBeGreaterThanOrEqual(progress[i].fraction));
    expect(progress.at(-1)).toMatchObject({ fold: 3, folds: 3, fraction: 1, etaSeconds: 0 });
    expect(progress.filter((p) => p.fraction < 1).every((p) => p.etaSeconds !== null && p.etaSeconds > 0)).toBe(true);
    expect(new Set(progress.map((p) => p.fold))).toEqual(new Set([1, 2, 3]));

    // Every fold's model and predictor are disposed: the count is flat across folds.
    expect(new Set(tensorsAfterFold).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives k columns even where a fold model lacks a class, and a single-class training part probability 1', async () => {
    // "rare" has one row: the model of the fold holding it out never saw "rare". With 2 folds and
    // "odd" as the other class, the fold holding out "rare" trains on "odd" rows only.
    const odd = trec.filter((e) => e.label === 'HUM').slice(0, 20).map((e): Example => ({ ...e, label: 'odd' }));
    const examples: Example[] = [...odd, { text: 'What does NASA stand for ?', label: 'rare', row: 999 }];
    const result = await outOfFoldProbabilities(examples, settings, { folds: 2 });
    expect(result.labels).toEqual(['odd', 'rare']);
    const rareIndex = examples.length - 1;
    const rareFold = result.fold[rareIndex];
    expect(result.folds[rareFold].stopReason).toBe('single-class');
    for (let i = 0; i < examples.length; i++) {
      const p = Array.from(result.probabilities.subarray(i * 2, i * 2 + 2));
      if (result.fold[i] === rareFold) expect(p).toEqual([1, 0]);
      else expect(p[0] + p[1]).toBeCloseTo(1, 4);
    }
    expect(result.folds[1 - rareFold].epochs).toBeGreaterThan(0);

    // Three classes, one of them with a single row: that row's model has no column for it (0).
    const three: Example[] = [...trec.slice(0, 300), { text: 'What is the airspeed of an unladen swallow ?', label: 'ZZZ', row: 301 }];
    const r3 = await outOfFoldProbabilities(three, settings, { folds: 3 });
    const z = r3.labels.indexOf('ZZZ');
    const k = r3.labels.length;
    expect(r3.probabilities[(three.length - 1) * k + z]).toBe(0);
    for (const sum of rowSums(r3.probabilities, k)) expect(sum).toBeCloseTo(1, 4);
  });

  it('stops with CANCELLED when asked, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    let batches = 0;
    const run = outOfFoldProbabilities(trec, settings, { folds: 3 }, {
      onProgress: (p) => {
        if (p.epoch > 0) batches++;
      },
      shouldStop: () => batches >= 20, // in the second fold (about 12 batches per epoch)
    });
    await expect(run).rejects.toThrow(SiftError);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects data it cannot check', async () => {
    await expect(outOfFoldProbabilities([], settings)).rejects.toMatchObject({ code: 'NO_EXAMPLES' });
    await expect(outOfFoldProbabilities(trec.slice(0, 10).map((e) => ({ ...e, label: 'one' })), settings)).rejects.toMatchObject({ code: 'SINGLE_CLASS' });
    await expect(outOfFoldProbabilities(trec.slice(0, 4), settings, { folds: 5 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
