/**
 * A backend that stops giving real results without throwing. Losing the WebGL context mid-run
 * (the GPU was reset, the browser reclaimed it, WEBGL_lose_context) makes every WebGL call a
 * no-op: reads give zeros, so each text gets equal logits, the loss sits at exactly ln(k) and
 * every text is "predicted" as class 0, and the run "finishes" with those figures
 * (docs/decisions.md, 2026-11-30).
 *
 * The training loop watches a run on WebGL (the backend a run can move away from, see
 * ../backendRules.ts) for:
 * - the context reported lost (tfjs's context's isContextLost(), or the worker hearing the
 *   canvas's `webglcontextlost` event: TrainCallbacks.backendFault);
 * - a step that throws;
 * - degenerate numbers: a NaN or infinite loss; the loss a model scores when it gives every class
 *   the same probability (ln k, weighted as the batch's loss is) or the very same loss, bit for
 *   bit, for DEGENERATE_BATCHES batches in a row; a validation loss repeated bit for bit from
 *   one epoch to the next; every validation text predicted as one class after an epoch that beat
 *   always guessing the most common class.
 * Real training does none of these: its loss moves with every batch's texts and weights.
 * A fault ends the epoch at once and carries where the run can continue: the weights, history
 * and early-stopping state at the end of the last epoch that passed every check.
 */
import { SiftError } from '../errors';
import type { EvalResult } from './stepTrainer';
import type { EpochLog, ModelWeights } from './types';

/** Batches in a row with a degenerate loss before the run is called faulty. */
export const DEGENERATE_BATCHES = 5;
/** Relative distance to the uniform-prediction loss that counts as equal (float32 logits of 0 give it to ~1e-8). */
const UNIFORM_TOLERANCE = 1e-6;

/** The epoch whose weights a run keeps: the lowest validation loss so far. */
export interface BestEpoch {
  epoch: number;
  valLoss: number;
  weights: ModelWeights;
}

/** Where a run that lost its backend continues: the end of its last good epoch. */
export interface ResumePoint {
  /** Epochs kept, 1 or more: the run continues with epoch `epochs + 1`. */
  epochs: number;
  /** The weights at the end of epoch `epochs` (the optimisers' state is not kept: it starts afresh). */
  weights: ModelWeights;
  /** Epochs 1…`epochs`, as they were reported. */
  history: EpochLog[];
  best: BestEpoch | null;
  epochsWithoutImprovement: number;
  /** Seconds the run had spent, so that the finished run's time counts both parts. */
  seconds: number;
}

/**
 * The backend stopped giving real results. `epoch`: the epoch it happened in; `resume`: where the
 * run can continue, or null when no epoch had finished well (the run starts over).
 */
export class BackendFault extends SiftError {
  constructor(
    readonly reason: string,
    readonly epoch: number,
    readonly resume: ResumePoint | null,
  ) {
    super('BACKEND_FAULT', `The backend stopped giving real results in epoch ${epoch}: ${reason}.`);
  }
}

/** Share of the most common class among `labels` (what always guessing it would score). */
export function majorityShare(labels: Int32Array, numClasses: number): number {
  if (labels.length === 0) return 0;
  const counts = new Float64Array(numClasses);
  for (const c of labels) counts[c]++;
  return Math.max(...counts) / labels.length;
}

/**
 * The checks on one run's numbers (see the file comment). Each returns null when the numbers are
 * real, else the reason in words; the loop turns a reason into a BackendFault.
 */
export class ResultsWatch {
  private degenerateRun = 0;
  private lastLoss = Number.NaN;
  private lastValLoss: number | null = null;
  private beatMajority = false;

  /**
   * @param numClasses k
   * @param classWeights the loss weight per class (null: all 1), to know what uniform
   *   predictions would score on a batch
   * @param validationMajority the most common class's share of the validation texts
   */
  constructor(
    private readonly numClasses: number,
    private readonly classWeights: Float32Array | null,
    private readonly validationMajority: number,
  ) {}

  /** After a training step: `labels` are the batch's classes, `loss` its (weighted) mean loss. */
  afterBatch(loss: number, labels: Int32Array): string | null {
    if (!Number.isFinite(loss)) return `the loss became ${loss}`;
    const uniform = this.uniformLoss(labels);
    const equalOdds = Math.abs(loss - uniform) <= UNIFORM_TOLERANCE * uniform;
    this.degenerateRun = equalOdds || loss === this.lastLoss ? this.degenerateRun + 1 : 0;
    this.lastLoss = loss;
    if (this.degenerateRun < DEGENERATE_BATCHES) return null;
    return equalOdds
      ? `the loss stayed at ${loss.toFixed(4)}, what equal odds for every class score, for ${this.degenerateRun} batches in a row`
      : `the loss stayed at exactly ${loss.toFixed(4)} for ${this.degenerateRun} batches in a row`;
  }

  /** After an epoch's validation; state moves on only for an epoch that passes. */
  afterValidation(val: EvalResult): string | null {
    if (!Number.isFinite(val.loss)) return `the validation loss became ${val.loss}`;
    if (this.lastValLoss !== null && val.loss === this.lastValLoss) return `the validation loss repeated exactly (${val.loss.toFixed(4)})`;
    if (val.predictedClasses === 1 && this.beatMajority) {
      return 'every validation text was predicted as one class, after an epoch that did better than always guessing the most common one';
    }
    this.lastValLoss = val.loss;
    this.beatMajority ||= val.accuracy > this.validationMajority;
    return null;
  }

  /** ln(k) per text, weighted as the batch's loss is: Σ_b w(y_b) / B · ln k. */
  private uniformLoss(labels: Int32Array): number {
    let weight = labels.length;
    if (this.classWeights) {
      weight = 0;
      for (const c of labels) weight += this.classWeights[c];
    }
    return (Math.log(this.numClasses) * weight) / Math.max(1, labels.length);
  }
}
