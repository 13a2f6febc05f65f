import type { BatchLog } from '@/core/model/types';
import type { BatchProgress } from './protocol';

export interface BatchThrottleOptions {
  /** Minimum milliseconds between two messages (the last batch of an epoch always goes). */
  intervalMs: number;
  /** EMA factor: weight of the past. 0.9 ≈ an average over the last ~10 batches. */
  smoothing: number;
  now: () => number;
}

/**
 * Decides which batch logs are worth a message and smooths loss/accuracy over ALL batches, so the
 * chart's curve is the same however many messages were dropped. Bias-corrected like TensorBoard's
 * smoothing, so the first points are not pulled toward zero.
 */
export class BatchThrottle {
  private lastSent = -Infinity;
  private steps = 0;
  private emaLoss = 0;
  private emaAccuracy = 0;

  constructor(private readonly options: BatchThrottleOptions) {}

  /** Returns the progress to send, or null when this batch should stay in the worker. */
  accept(log: BatchLog): BatchProgress | null {
    const { smoothing, intervalMs, now } = this.options;
    this.steps += 1;
    this.emaLoss = smoothing * this.emaLoss + (1 - smoothing) * log.loss;
    this.emaAccuracy = smoothing * this.emaAccuracy + (1 - smoothing) * log.accuracy;
    const correction = 1 - smoothing ** this.steps;
    const t = now();
    const lastOfEpoch = log.batch >= log.batchesPerEpoch;
    if (!lastOfEpoch && this.steps > 1 && t - this.lastSent < intervalMs) return null;
    this.lastSent = t;
    return { log, smoothedLoss: this.emaLoss / correction, smoothedAccuracy: this.emaAccuracy / correction };
  }
}
