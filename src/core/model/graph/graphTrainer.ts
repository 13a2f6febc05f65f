/**
 * The 'graph' training path: the whole model as tensors on the active backend — the [V, d]
 * embedding table and the dense layers as tf.Variables, the masked mean through embeddingBag
 * (gather forward, O(N) UnsortedSegmentSum backward from segmentSumKernel.ts), the head through
 * head.ts, tfjs autodiff, row-wise Adagrad on the table (tensorRowAdagrad.ts) and Adam on the
 * dense layers (tensorAdam.ts), as tensor ops.
 *
 * It trains the same model as the sparse path (../sparse/sparseTrainer.ts) from the same initial weights, dropout
 * stream and class weights; a test checks that a step of each gives the same loss and weights.
 * Which path is faster depends on the backend: on wasm and cpu the per-op cost and the dense
 * update of the whole table make this path many times slower (figures in docs/decisions.md), so it is
 * only a contender on webgl, where a real GPU does the table-sized work in parallel.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../random';
import type { BagBatch } from '../batch';
import { embeddingBag } from './embeddingBag';
import { headLogits, type HeadTensors } from '../head';
import { dropoutMask, PredictedClasses, EMBEDDING_LEARNING_RATE_SCALE, lossTargets, scoreLogits, type EvalResult, type StepResult, type StepTrainer, type TrainerOptions } from '../stepTrainer';
import { TensorAdam, variableFrom } from './tensorAdam';
import { TensorRowAdagrad } from './tensorRowAdagrad';
import type { ModelShape, ModelWeights } from '../types';

interface HeadVariables extends HeadTensors {
  hiddenKernel: tf.Variable<tf.Rank.R2>;
  hiddenBias: tf.Variable<tf.Rank.R1>;
  outputKernel: tf.Variable<tf.Rank.R2>;
  outputBias: tf.Variable<tf.Rank.R1>;
}

/** A copy of a tensor's values as a Float32Array (some backends hand out their own storage). */
function readCopy(t: tf.Tensor): Float32Array {
  return Float32Array.from(t.dataSync());
}

export class GraphTrainer implements StepTrainer {
  readonly path = 'graph';
  readonly shape: ModelShape;
  /** [V, d] */
  private readonly table: tf.Variable<tf.Rank.R2>;
  private readonly head: HeadVariables;
  /** table, hiddenKernel, hiddenBias, outputKernel, outputBias: the order gradients come in. */
  private readonly variables: tf.Variable[];
  private readonly tableOptimizer: TensorRowAdagrad;
  /** Adam over the dense layers: variables[1..4]. */
  private readonly headOptimizer: TensorAdam;
  private readonly dropoutRandom: () => number;

  /** Uploads `initial` to the active backend; call dispose() when done. */
  constructor(
    initial: ModelWeights,
    private readonly options: TrainerOptions,
  ) {
    const { vocabSize: V, embeddingDim: d, hiddenUnits: h, numClasses: k } = initial.shape;
    this.shape = { ...initial.shape };
    // Copies: the cpu backend may keep a reference to an uploaded array.
    this.table = variableFrom(tf.tensor2d(initial.embedding.slice(), [V, d]), true);
    this.head = {
      hiddenKernel: variableFrom(tf.tensor2d(initial.hiddenKernel.slice(), [d, h]), true),
      hiddenBias: variableFrom(tf.tensor1d(initial.hiddenBias.slice()), true),
      outputKernel: variableFrom(tf.tensor2d(initial.outputKernel.slice(), [h, k]), true),
      outputBias: variableFrom(tf.tensor1d(initial.outputBias.slice()), true),
    };
    this.variables = [this.table, this.head.hiddenKernel, this.head.hiddenBias, this.head.outputKernel, this.head.outputBias];
    this.tableOptimizer = new TensorRowAdagrad(this.table, options.learningRate * EMBEDDING_LEARNING_RATE_SCALE);
    this.headOptimizer = new TensorAdam(this.variables.slice(1), { learningRate: options.learningRate });
    this.dropoutRandom = createRandom(options.seed);
  }

  /** One optimisation step; one read from the backend (the logits, for loss and accuracy). */
  step(batch: BagBatch): StepResult {
    const { embeddingDim: d, numClasses: k } = this.shape;
    const [B, L] = [batch.size, batch.length];
    const mask = dropoutMask(this.options.dropout, B, d, this.dropoutRandom);
    const { targets, scale } = lossTargets(batch, k, this.options.classWeights);
    const logitsT = tf.tidy(() => {
      const ids = tf.tensor2d(batch.ids, [B, L], 'int32');
      const weights = tf.tensor2d(batch.weights, [B, L]);
      const maskT = mask ? tf.tensor2d(mask, [B, d]) : null;
      const targetsT = tf.tensor2d(targets, [B, k]);
      const scaleT = tf.tensor2d(scale, [B, 1]);
      const out: { logits?: tf.Tensor2D } = {};
      // loss = −Σ_b scale[b] · log softmax(logits[b])[y_b]: the class-weighted mean cross-entropy.
      const { value, grads } = tf.variableGrads(() => {
        const pooled = embeddingBag(this.table, ids, weights);
        const logits = headLogits(maskT ? tf.mul(pooled, maskT) : pooled, this.head);
        out.logits = tf.keep(logits); // survives the gradient scope; returned from this tidy
        return tf.neg(tf.sum(tf.mul(tf.mul(targetsT, tf.logSoftmax(logits)), scaleT))) as tf.Scalar;
      }, this.variables);
      this.tableOptimizer.apply(grads[this.table.name]);
      this.headOptimizer.apply(this.variables.slice(1).map((v) => grads[v.name]));
      tf.dispose([value, ...Object.values(grads)]);
      if (!out.logits) throw new Error('GraphTrainer: the forward pass produced no logits');
      return out.logits;
    });
    const logits = readCopy(logitsT);
    logitsT.dispose();
    return scoreLogits(logits, batch.labels, k, scale);
  }

  /** Mean unweighted cross-entropy and accuracy over labelled batches, without dropout. */
  evaluate(batches: Iterable<BagBatch>): EvalResult {
    const k = this.shape.numClasses;
    let lossSum = 0;
    let correct = 0;
    let count = 0;
    const predicted = new PredictedClasses(k);
    for (const batch of batches) {
      const logitsT = tf.tidy(() => {
        const ids = tf.tensor2d(batch.ids, [batch.size, batch.length], 'int32');
        const weights = tf.tensor2d(batch.weights, [batch.size, batch.length]);
        return headLogits(embeddingBag(this.table, ids, weights), this.head);
      });
      const logits = readCopy(logitsT);
      logitsT.dispose();
      const scored = scoreLogits(logits, batch.labels, k, new Float32Array(batch.size).fill(1));
      lossSum += scored.loss;
      correct += scored.correct;
      for (let b = 0; b < batch.size; b++) predicted.mark(logits, b * k, k);
      count += batch.size;
    }
    return { loss: count ? lossSum / count : 0, accuracy: count ? correct / count : 0, predictedClasses: predicted.count() };
  }

  /** A copy of the current weights, read from the backend (into `into` when given). */
  weights(into?: ModelWeights): ModelWeights {
    const read = (t: tf.Tensor, target: Float32Array | undefined): Float32Array => {
      if (!target) return readCopy(t);
      target.set(t.dataSync());
      return target;
    };
    return {
      shape: { ...this.shape },
      embedding: read(this.table, into?.embedding),
      hiddenKernel: read(this.head.hiddenKernel, into?.hiddenKernel),
      hiddenBias: read(this.head.hiddenBias, into?.hiddenBias),
      outputKernel: read(this.head.outputKernel, into?.outputKernel),
      outputBias: read(this.head.outputBias, into?.outputBias),
    };
  }

  /** Frees the variables and the optimisers' state. */
  dispose(): void {
    this.tableOptimizer.dispose();
    this.headOptimizer.dispose();
    tf.dispose(this.variables);
  }
}
