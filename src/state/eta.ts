/**
 * How long a run still has to go, from the speed measured so far and what early stopping will
 * probably do, and when that cannot be known yet.
 *
 * With early stopping (patience P) and validation data, a run ends P epochs after its best one; in
 * practice the best comes early (the 20 Newsgroups run stopped at epoch 2 of 20 while the
 * page said "about 1 min 54 s left"). So the estimate is two figures: `likely`, the time if the
 * validation loss does not improve again (then the run stops as soon as patience allows), and
 * `atMost`, the time to the epoch ceiling. Without early stopping every epoch runs: one figure.
 */
import type { EpochLog } from '@/core/model/types';
import type { RunState } from './types';

export interface TrainingPlan {
  totalEpochs: number;
  /** Epochs without a better validation loss before stopping (0: never stops early). */
  patience: number;
  /** Whether the run has validation examples (without them it cannot stop early). */
  validation: boolean;
}

export type Eta =
  /** Before a pace can be measured (no batches yet, or too few). */
  | { kind: 'unknown' }
  /** Every remaining epoch will run. */
  | { kind: 'about'; seconds: number }
  /** `likely`: if validation loss stops improving now; `atMost`: if it runs to the last epoch. */
  | { kind: 'early-stopping'; likely: number; atMost: number; patience: number };

export interface TrainingOutlook {
  eta: Eta;
  /** Share of the likely run done, 0..1 (it can step back when a new best epoch extends the run). */
  fraction: number;
}

/** Whole epochs the run will still train after the one in progress, if nothing improves. */
function likelyEpochsAfterCurrent(epochs: readonly EpochLog[], patience: number): number {
  if (epochs.length === 0) return patience; // epoch 1 will be the best so far
  let best = 0;
  epochs.forEach((e, i) => {
    if ((e.valLoss ?? Infinity) < (epochs[best].valLoss ?? Infinity)) best = i;
  });
  const withoutImprovement = epochs.length - 1 - best;
  // The epoch in progress, if no better, is one more without improvement.
  return Math.max(0, patience - (withoutImprovement + 1));
}

/** Seconds per epoch: the last finished epochs' own times (validation included), else the batch pace. */
function secondsPerEpoch(run: Pick<RunState, 'progress' | 'firstBatchAt' | 'epochs'>, now: number): number | null {
  const finished = run.epochs.slice(-3);
  if (finished.length > 0) return finished.reduce((s, e) => s + e.seconds, 0) / finished.length;
  const p = run.progress;
  if (!p || run.firstBatchAt === null) return null;
  const done = (p.log.epoch - 1) * p.log.batchesPerEpoch + p.log.batch;
  const elapsed = (now - run.firstBatchAt) / 1000;
  // The clock starts at the first batch's message: `done - 1` batches ran since.
  if (done < 3 || elapsed <= 0) return null;
  return (elapsed / (done - 1)) * p.log.batchesPerEpoch;
}

export function trainingOutlook(run: Pick<RunState, 'progress' | 'firstBatchAt' | 'epochs'>, plan: TrainingPlan, now: number): TrainingOutlook {
  const p = run.progress;
  const perEpoch = secondsPerEpoch(run, now);
  if (!p || perEpoch === null) return { eta: { kind: 'unknown' }, fraction: 0 };
  const inEpoch = Math.min(1, p.log.batch / p.log.batchesPerEpoch);
  // The epoch in progress is the one after the finished ones (a batch message can lead its epoch's log).
  const current = Math.max(p.log.epoch, run.epochs.length + 1);
  const currentLeft = current > p.log.epoch ? 1 : 1 - inEpoch;
  const maxAfter = Math.max(0, plan.totalEpochs - current);
  const atMost = (currentLeft + maxAfter) * perEpoch;
  const doneEpochs = current - currentLeft;
  const stopsEarly = plan.patience > 0 && plan.validation;
  if (!stopsEarly) return { eta: { kind: 'about', seconds: atMost }, fraction: doneEpochs / plan.totalEpochs };
  const likelyAfter = Math.min(maxAfter, likelyEpochsAfterCurrent(run.epochs.slice(0, current - 1), plan.patience));
  const likely = (currentLeft + likelyAfter) * perEpoch;
  const fraction = doneEpochs / (doneEpochs + currentLeft + likelyAfter);
  if (likelyAfter === maxAfter) return { eta: { kind: 'about', seconds: atMost }, fraction };
  return { eta: { kind: 'early-stopping', likely, atMost, patience: plan.patience }, fraction };
}
