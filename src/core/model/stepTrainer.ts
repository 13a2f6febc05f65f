/**
 * What the training loop (train.ts) needs from one model being trained, whichever way its step is
 * computed, plus the per-batch arithmetic both ways share so that they train the same model:
 * - 'sparse' (trainer.ts): embedding bag and embedding-row Adam in JS, dense layers on the backend.
 * - 'graph' (graphTrainer.ts): the whole model as tensors on the backend, tfjs autodiff and Adam.
 */
import type { BagBatch } from './batch';
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
}

export interface TrainerOptions {
  learningRate: number;
  dropout: number;
  /** Per-class loss weights (length k), or null for all 1. */
  classWeights: Float32Array | null;
  /** Seeds the dropout masks. */
  seed: number;
}

/** One model being trained: its weights, optimiser state, and one training / evaluation step. */
export interface StepTrainer {
  readonly path: TrainingPath;
  readonly shape: ModelShape;
  /** One optimisation step on a labelled batch. */
  step(batch: BagBatch): StepResult;
  /** Mean unweighted cross-entropy and accuracy over labelled batches, without dropout. */
  evaluate(batches: Iterable<BagBatch>): EvalResult;
  /** A copy of the current weights (plain arrays). */
  weights(): ModelWeights;
  /** Frees whatever the trainer holds on the backend; it cannot be used afterwards. */
  dispose(): void;
}

/** Cross-entropy of one row of logits against class y, computed stably in JS. */
export function rowCrossEntropy(logits: Float32Array, at: number, k: number, y: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, logits[at + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(logits[at + j] - max);
  return Math.log(sum) + max - logits[at + y];
}

/** Index of the largest of k values starting at `at`. */
export function argmaxAt(values: Float32Array, at: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[at + j] > values[at + best]) best = j;
  return best;
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
