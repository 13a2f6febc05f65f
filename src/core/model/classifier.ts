/**
 * A trained model ready to predict: the dense layers live on the tfjs backend, the embedding table
 * in JS (the masked mean is pooled in JS, as in training — see trainer.ts for why).
 */
import * as tf from '@tensorflow/tfjs';
import { SiftError } from '../errors';
import type { EncodedCorpus } from '../text/types';
import { bagBatch, corpusSize, poolBatch } from './batch';
import { headLogits, type HeadTensors } from './head';
import type { ModelShape, ModelWeights } from './types';

/** Texts per forward pass: large enough to amortise per-op cost, small enough to stay light. */
const PREDICT_BATCH_SIZE = 512;

function checkWeights(w: ModelWeights): void {
  const { vocabSize: v, embeddingDim: d, hiddenUnits: h, numClasses: k } = w.shape;
  const expected: [string, Float32Array, number][] = [
    ['embedding', w.embedding, v * d],
    ['hiddenKernel', w.hiddenKernel, d * h],
    ['hiddenBias', w.hiddenBias, h],
    ['outputKernel', w.outputKernel, h * k],
    ['outputBias', w.outputBias, k],
  ];
  for (const [name, values, size] of expected) {
    if (!(values instanceof Float32Array) || values.length !== size) {
      throw new SiftError('BUNDLE_MISMATCH', `The model's ${name} weights have ${values?.length ?? 0} values; its shape needs ${size}.`);
    }
  }
}

export class Classifier {
  private head: HeadTensors | null;

  private constructor(
    private readonly weights: ModelWeights,
    head: HeadTensors,
  ) {
    this.head = head;
  }

  /**
   * Uploads the dense layers to the current backend. The embedding array is used in place, not
   * copied: do not modify `weights` while the classifier is alive.
   * @throws SiftError BUNDLE_MISMATCH when array sizes do not match the shape
   */
  static fromWeights(weights: ModelWeights): Classifier {
    checkWeights(weights);
    const { embeddingDim: d, hiddenUnits: h, numClasses: k } = weights.shape;
    const head: HeadTensors = {
      hiddenKernel: tf.tensor2d(weights.hiddenKernel, [d, h]),
      hiddenBias: tf.tensor1d(weights.hiddenBias),
      outputKernel: tf.tensor2d(weights.outputKernel, [h, k]),
      outputBias: tf.tensor1d(weights.outputBias),
    };
    return new Classifier(weights, head);
  }

  get shape(): ModelShape {
    return this.weights.shape;
  }

  /**
   * Class probabilities for every text of the corpus (labels are ignored).
   * @returns [n × numClasses] row-major softmax probabilities
   * @throws SiftError NOT_TRAINED after dispose()
   */
  predictProbabilities(corpus: EncodedCorpus): Float32Array {
    const head = this.head;
    if (!head) throw new SiftError('NOT_TRAINED', 'This classifier was disposed; load the model again.');
    const { vocabSize, embeddingDim: d, numClasses: k } = this.weights.shape;
    for (const id of corpus.ids) {
      if (id < 0 || id >= vocabSize) throw new SiftError('BUNDLE_MISMATCH', `Token id ${id} is outside the model's vocabulary of ${vocabSize}.`);
    }
    const n = corpusSize(corpus);
    const out = new Float32Array(n * k);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const unlabelled: EncodedCorpus = { ids: corpus.ids, offsets: corpus.offsets, labels: new Int32Array(0) };
    for (let start = 0; start < n; start += PREDICT_BATCH_SIZE) {
      const end = Math.min(n, start + PREDICT_BATCH_SIZE);
      const batch = bagBatch(unlabelled, order, start, end, Number.MAX_SAFE_INTEGER);
      out.set(this.headProbabilities(head, poolBatch(this.weights.embedding, d, batch), batch.size), start * k);
    }
    return out;
  }

  /**
   * Probabilities for one text, then for the text with each group of its positions removed:
   * row 0 is the text's own, row g + 1 is without the positions in groups[g]. An empty variant
   * pools to zeros, as an all-padding batch row does.
   *
   * Each variant's masked mean comes from the text's sum of rows, (Σ − Σ_removed) / (n − removed),
   * so removing any group costs O(group × d) instead of pooling the whole text again: a 100-word
   * text's ~150 variants take one pass over the text and one forward pass of the head.
   *
   * @param ids the text's token ids, as the model sees them (n = ids.length)
   * @returns [(groups.length + 1) × numClasses] row-major probabilities
   */
  occlusionProbabilities(ids: ArrayLike<number>, groups: readonly (readonly number[])[]): Float32Array {
    const head = this.head;
    if (!head) throw new SiftError('NOT_TRAINED', 'This classifier was disposed; load the model again.');
    const { vocabSize, embeddingDim: d } = this.weights.shape;
    const table = this.weights.embedding;
    const n = ids.length;
    for (let i = 0; i < n; i++) {
      if (ids[i] < 0 || ids[i] >= vocabSize) throw new SiftError('BUNDLE_MISMATCH', `Token id ${ids[i]} is outside the model's vocabulary of ${vocabSize}.`);
    }
    // Sums in float64: a variant is the difference of two sums, which float32 would blur.
    const sum = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const at = ids[i] * d;
      for (let j = 0; j < d; j++) sum[j] += table[at + j];
    }
    const pooled = new Float32Array((groups.length + 1) * d);
    const removed = new Float64Array(d);
    for (let g = -1; g < groups.length; g++) {
      removed.fill(0);
      const positions = g < 0 ? [] : groups[g];
      for (const i of positions) {
        const at = ids[i] * d;
        for (let j = 0; j < d; j++) removed[j] += table[at + j];
      }
      const left = n - positions.length;
      if (left <= 0) continue;
      const out = (g + 1) * d;
      for (let j = 0; j < d; j++) pooled[out + j] = (sum[j] - removed[j]) / left;
    }
    return this.headProbabilities(head, pooled, groups.length + 1);
  }

  /** softmax(head(pooled)) for `rows` pooled vectors, read back from the backend. */
  private headProbabilities(head: HeadTensors, pooled: Float32Array, rows: number): Float32Array {
    const { embeddingDim: d } = this.weights.shape;
    const probs = tf.tidy(() => tf.softmax(headLogits(tf.tensor2d(pooled, [rows, d]), head)));
    const values = probs.dataSync() as Float32Array;
    probs.dispose();
    return values;
  }

  /** Frees the backend tensors; the classifier cannot predict afterwards. */
  dispose(): void {
    if (this.head) tf.dispose(this.head);
    this.head = null;
  }
}
