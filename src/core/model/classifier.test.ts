import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncodedCorpus } from '../text/types';
import { useBackend } from './backend';
import { Classifier } from './classifier';
import { trecSlice } from '../../../tests/helpers/modelFixtures';
import { corpusBatches } from './batch';
import { trainModel } from './train';
import { argmaxAt } from './rowMath';
import { SparseTrainer } from './sparse/sparseTrainer';
import type { ModelWeights } from './types';

const data = trecSlice(1200);
let weights: ModelWeights;

beforeAll(async () => {
  const result = await trainModel({ train: data.train, validation: null }, data.shape, { ...data.settings, epochs: 2 }, 'wasm');
  weights = result.weights;
});

function single(corpus: EncodedCorpus, i: number): EncodedCorpus {
  const ids = corpus.ids.slice(corpus.offsets[i], corpus.offsets[i + 1]);
  return { ids, offsets: Int32Array.from([0, ids.length]), labels: new Int32Array(0) };
}

describe('Classifier (plain JavaScript)', () => {
  it.each(['wasm', 'cpu'] as const)('predicts probability rows that sum to 1 and agree with training-time evaluation on %s', async (backend) => {
    await useBackend(backend);
    const classifier = Classifier.fromWeights(weights);
    const probs = classifier.predictProbabilities(data.validation);
    const n = data.validation.offsets.length - 1;
    const k = data.shape.numClasses;
    expect(probs).toHaveLength(n * k);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      expect(probs.subarray(i * k, (i + 1) * k).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (argmaxAt(probs, i * k, k) === data.validation.labels[i]) correct++;
    }
    const reference = new SparseTrainer(weights, { learningRate: 0, dropout: 0, classWeights: null, seed: 0 }).evaluate(corpusBatches(data.validation, 256, 256));
    expect(correct / n).toBeCloseTo(reference.accuracy, 10);
    // one text alone gets the same probabilities as inside a batch (padding does not leak in)
    const alone = classifier.predictProbabilities(single(data.validation, 3));
    Array.from(alone).forEach((p, j) => expect(p).toBeCloseTo(probs[3 * k + j], 5));
  });

  it('makes no tensors: 1,000 predictions leave tfjs untouched', () => {
    const before = tf.memory().numTensors;
    const classifier = Classifier.fromWeights(weights);
    for (let i = 0; i < 1000; i++) classifier.predictProbabilities(single(data.validation, i % (data.validation.offsets.length - 1)));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives a text without ids the head of a zero vector, and logits whose softmax is the probabilities', () => {
    const classifier = Classifier.fromWeights(weights);
    const empty: EncodedCorpus = { ids: new Int32Array(0), offsets: Int32Array.from([0, 0]), labels: new Int32Array(0) };
    const k = data.shape.numClasses;
    expect(Array.from(classifier.predictLogits(empty))).toEqual(Array.from(classifier.headLogits(new Float32Array(data.shape.embeddingDim), 1)));
    const logits = classifier.predictLogits(single(data.validation, 2));
    const probs = classifier.predictProbabilities(single(data.validation, 2));
    const z = Math.log(Array.from(logits).reduce((a, l) => a + Math.exp(l), 0));
    for (let j = 0; j < k; j++) expect(probs[j]).toBeCloseTo(Math.exp(logits[j] - z), 6);
  });
});

describe('Classifier input checks', () => {
  it('rejects weights whose sizes do not match their shape, and ids outside the vocabulary', () => {
    expect(() => Classifier.fromWeights({ ...weights, hiddenBias: new Float32Array(3) })).toThrow(/hiddenBias/);
    const classifier = Classifier.fromWeights(weights);
    const bad: EncodedCorpus = { ids: Int32Array.from([data.shape.vocabSize]), offsets: Int32Array.from([0, 1]), labels: new Int32Array(0) };
    expect(() => classifier.predictProbabilities(bad)).toThrow(/outside the model's vocabulary/);
  });
});
