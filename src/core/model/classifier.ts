/**
 * A trained model ready to predict, in plain JavaScript on Float32Arrays: the masked mean of a
 * text's embedding rows, Dense(relu), Dense, softmax. No tfjs: every prediction Sift makes (the
 * Try box, evaluation, the CLI, the exported runtime) goes through this one file.
 *
 * Why not the tfjs backend: the head is two small matrix products (d × h and h × k, 64 × 64 by
 * default), so per-op dispatch and the read-back cost more than the arithmetic. In the worker the
 * Try box answered in 0.7 ms p50 on wasm and needed a move off webgl after training (shader
 * compiles per batch shape: 392 ms p95); in JS there is no backend to choose and nothing to free.
 */
import { SiftError } from '../errors';
import type { EncodedCorpus } from '../text/types';
import { softmaxRows } from './rowMath';
import type { ModelShape, ModelWeights } from './types';

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
  private constructor(private readonly weights: ModelWeights) {}

  /**
   * The weights' arrays are used in place, not copied: do not modify them while predicting.
   * @throws SiftError BUNDLE_MISMATCH when array sizes do not match the shape
   */
  static fromWeights(weights: ModelWeights): Classifier {
    checkWeights(weights);
    return new Classifier(weights);
  }

  get shape(): ModelShape {
    return this.weights.shape;
  }

  /** The embedding table [vocabSize × embeddingDim], row-major (read only). */
  get embedding(): Float32Array {
    return this.weights.embedding;
  }

  /**
   * Logits (pre-softmax scores) for every text of the corpus; labels are ignored. A text with no
   * ids pools to zeros.
   * @returns [n × numClasses] row-major
   * @throws SiftError BUNDLE_MISMATCH for an id outside the vocabulary
   */
  predictLogits(corpus: EncodedCorpus): Float32Array {
    const { embeddingDim: d } = this.weights.shape;
    const n = Math.max(0, corpus.offsets.length - 1);
    const pooled = new Float32Array(n * d);
    for (let t = 0; t < n; t++) this.poolInto(corpus.ids, corpus.offsets[t], corpus.offsets[t + 1], pooled, t * d);
    return this.headLogits(pooled, n);
  }

  /** softmax(predictLogits(corpus)): [n × numClasses] row-major probabilities. */
  predictProbabilities(corpus: EncodedCorpus): Float32Array {
    return softmaxRows(this.predictLogits(corpus), this.weights.shape.numClasses);
  }

  /**
   * Dense(relu) → Dense for `rows` pooled vectors: the head alone, for callers that pool
   * themselves (explanations, top words).
   * @param pooled [rows × embeddingDim] row-major
   * @returns logits [rows × numClasses] row-major
   */
  headLogits(pooled: Float32Array, rows: number): Float32Array {
    const { embeddingDim: d, hiddenUnits: h, numClasses: k } = this.weights.shape;
    const { hiddenKernel, hiddenBias, outputKernel, outputBias } = this.weights;
    const logits = new Float32Array(rows * k);
    const hidden = new Float64Array(h);
    for (let r = 0; r < rows; r++) {
      for (let u = 0; u < h; u++) hidden[u] = hiddenBias[u];
      for (let i = 0; i < d; i++) {
        const x = pooled[r * d + i];
        if (x === 0) continue;
        const row = i * h;
        for (let u = 0; u < h; u++) hidden[u] += x * hiddenKernel[row + u];
      }
      for (let j = 0; j < k; j++) {
        let z = outputBias[j];
        for (let u = 0; u < h; u++) if (hidden[u] > 0) z += hidden[u] * outputKernel[u * k + j];
        logits[r * k + j] = z;
      }
    }
    return logits;
  }

  /** The masked mean of ids[from..to) into out[at..at+d), summed in float64. */
  private poolInto(ids: ArrayLike<number>, from: number, to: number, out: Float32Array, at: number): void {
    const { embeddingDim: d } = this.weights.shape;
    const table = this.weights.embedding;
    this.checkIds(ids, from, to);
    const count = to - from;
    if (count <= 0) return;
    const sum = new Float64Array(d);
    for (let i = from; i < to; i++) {
      const row = ids[i] * d;
      for (let j = 0; j < d; j++) sum[j] += table[row + j];
    }
    for (let j = 0; j < d; j++) out[at + j] = sum[j] / count;
  }

  private checkIds(ids: ArrayLike<number>, from: number, to: number): void {
    const { vocabSize } = this.weights.shape;
    for (let i = from; i < to; i++) {
      if (!(ids[i] >= 0 && ids[i] < vocabSize)) throw new SiftError('BUNDLE_MISMATCH', `Token id ${ids[i]} is outside the model's vocabulary of ${vocabSize}.`);
    }
  }
}
