/**
 * Saving the best epoch so far while a run trains, so that a page closed or reloaded mid-run keeps
 * a model: a checkpoint is a whole bundle (NAME.sift.zip bytes, stop reason 'interrupted').
 *
 * A bundle costs an export (building the tfjs layers model, quantizing and zipping the weights) in
 * the worker, during which training waits, and a write to IndexedDB on the page. So checkpoints
 * are throttled: at most one per `intervalMs`, and never more often than `costFactor` times the
 * last export took (so they cost training at most ~5% of its time however big the model), always
 * of the best epoch known at the time (one skipped by the throttle is written at a later epoch's
 * end if it is still the best). Measured in docs/decisions.md (checkpoints).
 */
import { exportBundle } from './bundle/export';
import { checkpointModel, type PreparedTraining } from './pipeline';
import { copyWeights } from './model/stepTrainer';
import type { BackendReport, EpochLog, ModelWeights } from './model/types';

export interface CheckpointBundle {
  /** The epoch whose weights these are (the best so far when it was written). */
  epoch: number;
  bundle: Uint8Array;
  /** The bundle's createdAt (sift.json), which names this model among the run's checkpoints. */
  createdAt: string;
  /** Milliseconds the export took in the worker (training waited that long). */
  exportMs: number;
}

/** How often a run may write a checkpoint. */
export interface CheckpointThrottle {
  /** Minimum ms between two checkpoints. */
  intervalMs: number;
  /** … and at least this many times what the last export took (0 and intervalMs 0: every improvement). */
  costFactor: number;
}

/** 5 s, and 20× the export: an export (0.2–0.7 s for the SMS sample) then costs training under 5% of its time. */
export const CHECKPOINT_THROTTLE: CheckpointThrottle = { intervalMs: 5000, costFactor: 20 };

export interface CheckpointOptions extends CheckpointThrottle {
  now: () => number;
  onCheckpoint(checkpoint: CheckpointBundle): void;
}

export class CheckpointWriter {
  /** The training loop's own best-weights buffers (they always hold the best epoch so far). */
  private latest: { epoch: number; weights: ModelWeights; history: readonly EpochLog[] } | null = null;
  private backend: BackendReport | null = null;
  private writtenEpoch = 0;
  private lastWriteAt = -Infinity;
  private lastExportMs = 0;
  private writing: Promise<void> | null = null;
  private readonly startedAt: number;

  constructor(
    private readonly prepared: PreparedTraining,
    private readonly options: CheckpointOptions,
  ) {
    this.startedAt = options.now();
  }

  /** A (new) backend trains from scratch: what was best on the previous one no longer applies. */
  started(backend: BackendReport): void {
    this.backend = backend;
    this.latest = null;
    this.writtenEpoch = 0;
  }

  /** The loop found a new best epoch (TrainCallbacks.onBestEpoch). */
  best(epoch: number, weights: ModelWeights, history: readonly EpochLog[]): void {
    this.latest = { epoch, weights, history };
    this.maybeWrite();
  }

  /** An epoch ended: a best epoch the throttle held back may be due now. */
  epochEnded(): void {
    this.maybeWrite();
  }

  /** Resolves once no checkpoint is being written (before the run's result goes out). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private maybeWrite(): void {
    const latest = this.latest;
    const backend = this.backend;
    if (!latest || !backend || latest.epoch === this.writtenEpoch || this.writing) return;
    const now = this.options.now();
    if (now - this.lastWriteAt < Math.max(this.options.intervalMs, this.options.costFactor * this.lastExportMs)) return;
    this.writtenEpoch = latest.epoch;
    this.lastWriteAt = now;
    // Copied now, synchronously: the loop overwrites its buffers at the next improvement, which
    // may come while the export below is waiting.
    const model = checkpointModel(this.prepared, {
      epoch: latest.epoch,
      weights: copyWeights(latest.weights),
      history: latest.history.slice(),
      backend,
      seconds: (now - this.startedAt) / 1000,
    });
    const began = performance.now();
    this.writing = exportBundle(model)
      .then((bundle) => {
        this.lastExportMs = performance.now() - began;
        this.options.onCheckpoint({ epoch: latest.epoch, bundle, createdAt: model.manifest.createdAt, exportMs: this.lastExportMs });
      })
      // A checkpoint is a safety net: failing to write one must never fail the run.
      .catch(() => undefined)
      .finally(() => {
        this.writing = null;
        // A better epoch found while this one was written goes next, if the throttle allows.
        this.maybeWrite();
      });
  }
}
