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
      const pooled = poolBatch(this.weights.embedding, d, batch);
      const probs = tf.tidy(() => tf.softmax(headLogits(tf.tensor2d(pooled, [batch.size, d]), head)));
      out.set(probs.dataSync(), start * k);
      probs.dispose();
    }
    return out;
  }

  /** Frees the backend tensors; the classifier cannot predict afterwards. */
  dispose(): void {
    if (this.head) tf.dispose(this.head);
    this.head = null;
  }
}
