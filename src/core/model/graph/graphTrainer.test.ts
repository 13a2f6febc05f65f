import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend';
import { bagBatch, identityOrder } from '../batch';
import { trecSlice } from '../../../../tests/helpers/modelFixtures';
import { GraphTrainer } from './graphTrainer';
import { initialWeights } from '../init';
import { trainModel } from '../train';
import { balancedClassWeights } from '../trainingPath';
import { SparseTrainer } from '../sparse/sparseTrainer';
import type { TrainerOptions } from '../stepTrainer';
import type { EncodedCorpus } from '../../text/types';
import type { BackendReport, ModelWeights, TrainingPath } from '../types';

const small = trecSlice(400);
const WEIGHT_NAMES = ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const;

function maxDifference(a: ModelWeights, b: ModelWeights): number {
  let max = 0;
  for (const name of WEIGHT_NAMES) {
    expect(a[name].length).toBe(b[name].length);
    for (let i = 0; i < a[name].length; i++) max = Math.max(max, Math.abs(a[name][i] - b[name][i]));
  }
  return max;
}

function majorityShare(corpus: EncodedCorpus): number {
  const counts = new Map<number, number>();
  for (const c of corpus.labels) counts.set(c, (counts.get(c) ?? 0) + 1);
  return Math.max(...counts.values()) / corpus.labels.length;
}

describe.each(['cpu', 'wasm'] as const)('GraphTrainer on the %s backend', (backend) => {
  // Dropout and balanced class weights on, so the test covers both ways' handling of them.
  const options: TrainerOptions = {
    learningRate: 0.01,
    dropout: 0.2,
    classWeights: balancedClassWeights(small.train.labels, small.shape.numClasses),
    seed: 11,
  };
  const order = identityOrder(small.train.offsets.length - 1);
  // Six steps: rows that sit out a step must stay as they are on both paths (the graph path
  // updates the whole table with a zero gradient there), and rows touched again take their
  // accumulated Adagrad steps, so later steps check more than the first update.
  const batches = [0, 1, 2, 3, 4, 5].map((b) => bagBatch(small.train, order, b * 24, (b + 1) * 24, small.settings.sequenceLength));

  it('takes the same steps as the sparse path: same losses, same weights to float rounding', async () => {
    await useBackend(backend);
    const initial = initialWeights(small.shape, 3);
    const sparse = new SparseTrainer(initial, options);
    const graph = new GraphTrainer(initial, options);
    try {
      for (const batch of batches) {
        const a = sparse.step(batch);
        const b = graph.step(batch);
        expect(b.loss).toBeCloseTo(a.loss, 5);
        expect(b.correct).toBe(a.correct);
      }
      const moved = maxDifference(sparse.weights(), initial);
      expect(moved).toBeGreaterThan(0.01); // the comparison below is not trivially true
      expect(maxDifference(graph.weights(), sparse.weights())).toBeLessThan(1e-4);
      const validation = [bagBatch(small.validation, identityOrder(small.validation.offsets.length - 1), 0, 50, 256)];
      const [ev1, ev2] = [sparse.evaluate(validation), graph.evaluate(validation)];
      expect(ev2.loss).toBeCloseTo(ev1.loss, 5);
      expect(ev2.accuracy).toBe(ev1.accuracy);
    } finally {
      graph.dispose();
      sparse.dispose();
    }
  });

  it('keeps the tensor count flat across steps and frees everything on dispose', async () => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const graph = new GraphTrainer(initialWeights(small.shape, 4), options);
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      graph.step(batches[i % 2]);
      counts.push(tf.memory().numTensors);
    }
    graph.evaluate(batches);
    graph.weights();
    expect(counts.every((c) => c === counts[0])).toBe(true);
    expect(tf.memory().numTensors).toBe(counts[0]);
    graph.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainModel on the graph path', () => {
  it('learns real TREC questions in 2 epochs on wasm and leaves no tensors behind', async () => {
    const data = trecSlice(1500);
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const hp = { ...data.settings, epochs: 2, earlyStoppingPatience: 0 };
    const result = await trainModel({ train: data.train, validation: data.validation }, data.shape, hp, 'wasm', {}, { trainingPath: 'graph' });
    expect(result.backend).toEqual({ name: 'wasm', path: 'graph', choice: 'user', pathChoice: 'user', measurements: [] });
    const [first, second] = result.history;
    expect(second.loss).toBeLessThan(first.loss);
    expect(second.valLoss).toBeLessThan(first.valLoss ?? 0);
    expect(second.valAccuracy).toBeGreaterThan(majorityShare(data.validation) + 0.1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
