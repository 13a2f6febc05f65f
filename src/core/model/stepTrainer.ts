/**
 * What the training loop (train.ts) needs from one model being trained, whichever way its step is
 * computed, plus the per-batch arithmetic both ways share so that they train the same model:
 * - 'sparse' (sparse/sparseTrainer.ts): embedding bag and its optimiser in JS, dense layers on the backend.
 * - 'graph' (graph/graphTrainer.ts): the whole model as tensors on the backend, tfjs autodiff.
 * Both train the embedding table with row-wise Adagrad (sparse/rowAdagrad.ts) and the dense layers with
 * Adam, at the learning rates below.
 */
import type { BagBatch } from './batch';
import { argmaxAt, rowCrossEntropy } from './rowMath';
import type { ModelShape, ModelWeights, TrainingPath } from './types';

export interface StepResult {
  /** Mean (class-weighted) cross-entropy of the batch. */
  loss: number;
  /** Correctly classified texts in the batch. */
  correct: number;
}

export interface EvalResult {
  /** Mean unweighted cross-entropy. */
  loss: number;
  accuracy: number;
  /** How many different classes were predicted (1: every text got the same class). */
  predictedClasses: number;
}

/** Counts the distinct classes predicted: `mark` each row's argmax, then `count`. */
export class PredictedClasses {
  private readonly seen: Uint8Array;
  constructor(numClasses: number) {
    this.seen = new Uint8Array(numClasses);
  }
  mark(logits: Float32Array, at: number, k: number): number {
    const c = argmaxAt(logits, at, k);
    this.seen[c] = 1;
    return c;
  }
  count(): number {
    return this.seen.reduce((n, s) => n + s, 0);
  }
}

/**
 * The embedding table's row-wise Adagrad rate, as a multiple of the dense layers' Adam rate, so
 * that one setting scales both. Adagrad's steps shrink as a row's gradients add up, and a row is
 * touched only by the batches that contain its token, so it needs a far larger rate than Adam.
 * Measured with the dense layers at 0.003 (Node wasm, TREC-6, SMS, THUCNews titles, AG News,
 * seed 42, all n-grams kept): embedding rates 0.02 / 0.08 / 0.15 / 0.3 gave mean test accuracy
 * 0.900 / 0.905 / 0.908 / 0.903, the higher rates reaching their best epoch sooner.
 */
export const EMBEDDING_LEARNING_RATE_SCALE = 50;

export interface TrainerOptions {
  /** Adam's rate for the dense layers; the embedding's is EMBEDDING_LEARNING_RATE_SCALE times it. */
  learningRate: number;
  dropout: number;
  /** Per-class loss weights (length k), or null for all 1. */
  classWeights: Float32Array | null;
  /** Seeds the dropout masks. */
  seed: number;
}

/**
 * Whether a trainer copies the initial weights it is given or trains them in place; the training
 * loop hands its trainer weights nothing else reads, and saves a table-sized copy.
 */
export type InitialWeights = 'copy' | 'adopt';

/** Copies `source` into `into` when given (same shape), else into new arrays. */
export function copyWeights(source: ModelWeights, into?: ModelWeights): ModelWeights {
  if (!into) {
    return {
      shape: { ...source.shape },
      embedding: source.embedding.slice(),
      hiddenKernel: source.hiddenKernel.slice(),
      hiddenBias: source.hiddenBias.slice(),
      outputKernel: source.outputKernel.slice(),
      outputBias: source.outputBias.slice(),
    };
  }
  for (const name of ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const) into[name].set(source[name]);
  return into;
}

/** One model being trained: its weights, optimiser state, and one training / evaluation step. */
export interface StepTrainer {
  readonly path: TrainingPath;
  readonly shape: ModelShape;
  /** One optimisation step on a labelled batch. */
  step(batch: BagBatch): StepResult;
  /** Mean unweighted cross-entropy and accuracy over labelled batches, without dropout. */
  evaluate(batches: Iterable<BagBatch>): EvalResult;
  /**
   * A copy of the current weights (plain arrays), written into `into` when given (weights of the
   * same shape, e.g. the previous best epoch's, reused: allocating a fresh table per snapshot
   * cost ~25 ms per 10 MB here, as the new pages are faulted in).
   */
  weights(into?: ModelWeights): ModelWeights;
  /** Frees whatever the trainer holds on the backend; it cannot be used afterwards. */
  dispose(): void;
}

export interface LossTargets {
  /** [B × k] one-hot labels. */
  targets: Float32Array;
  /** [B] per-example loss weight: classWeight(y_b) / B, so Σ scale · CE is the weighted mean. */
  scale: Float32Array;
}

/** One-hot targets and per-example loss weights of a labelled batch. */
export function lossTargets(batch: BagBatch, numClasses: number, classWeights: Float32Array | null): LossTargets {
  const B = batch.size;
  const targets = new Float32Array(B * numClasses);
  const scale = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    targets[b * numClasses + batch.labels[b]] = 1;
    scale[b] = (classWeights ? classWeights[batch.labels[b]] : 1) / B;
  }
  return { targets, scale };
}

/** Loss Σ_b scale[b] · CE(logits[b], y_b) and the number of correct argmaxes, from logits [B × k]. */
export function scoreLogits(logits: Float32Array, labels: Int32Array, numClasses: number, scale: Float32Array): StepResult {
  let loss = 0;
  let correct = 0;
  for (let b = 0; b < labels.length; b++) {
    loss += scale[b] * rowCrossEntropy(logits, b * numClasses, numClasses, labels[b]);
    if (argmaxAt(logits, b * numClasses, numClasses) === labels[b]) correct++;
  }
  return { loss, correct };
}

/**
 * Inverted dropout mask [B × d] on the pooled vector: keep with probability 1−rate, scaled by
 * 1/(1−rate); null when rate is 0. Drawn in JS from the trainer's seeded stream, so both paths
 * drop the same units for the same seed.
 */
export function dropoutMask(rate: number, size: number, dim: number, random: () => number): Float32Array | null {
  if (rate <= 0) return null;
  const mask = new Float32Array(size * dim);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < rate ? 0 : keep;
  return mask;
}
