/** Pure parts of the browser benchmark: reading the page's figures and summarising them. */
import { median } from '../measure';
import type { EpochThroughput, LongTask, ProgressSample } from './types';

const count = (text: string): number => Number(text.replace(/[,\s\u00a0\u202f]/g, ''));

const PROGRESS = /Epoch\s+(\d+)\s+of\s+(?:at\s+most\s+)?(\d+)\s*·\s*batch\s+([\d,]+)\s+of\s+([\d,]+)\s*·\s*([\d,]+)\s+examples\/s/;

/**
 * Reads the training progress line as src/ui/train/TrainProgress.tsx renders it
 * ("Epoch 1 of at most 2 · batch 12 of 70 · 1,234 examples/s · about 5 s left"; "of 2" before
 * issue 11); null for any other
 * text ("Preparing the data…", "Starting the first epoch…").
 */
export function parseProgressLine(text: string): ProgressSample | null {
  const m = PROGRESS.exec(text.replace(/\s+/g, ' '));
  if (!m) return null;
  const [epoch, totalEpochs, batch, batchesPerEpoch, examplesPerSecond] = m.slice(1).map(count);
  return { epoch, totalEpochs, batch, batchesPerEpoch, examplesPerSecond };
}

/**
 * One figure per epoch: the page's examples/s counts from the start of the epoch, so the last
 * reading of an epoch (its highest batch) is that epoch's throughput. Epochs in order.
 */
export function epochThroughputs(samples: readonly ProgressSample[]): EpochThroughput[] {
  const last = new Map<number, ProgressSample>();
  for (const s of samples) {
    const seen = last.get(s.epoch);
    if (seen === undefined || s.batch >= seen.batch) last.set(s.epoch, s);
  }
  return [...last.values()]
    .sort((a, b) => a.epoch - b.epoch)
    .map((s) => ({ epoch: s.epoch, examplesPerSecond: s.examplesPerSecond, batch: s.batch, batchesPerEpoch: s.batchesPerEpoch }));
}

export function medianThroughput(epochs: readonly EpochThroughput[]): number {
  return median(epochs.map((e) => e.examplesPerSecond));
}

/** Long tasks that started inside [fromMs, toMs], re-based to `fromMs`. */
export function tasksWithin(tasks: readonly LongTask[], fromMs: number, toMs: number): LongTask[] {
  return tasks.filter((t) => t.startMs >= fromMs && t.startMs <= toMs).map((t) => ({ startMs: t.startMs - fromMs, durationMs: t.durationMs }));
}

export function longestTask(tasks: readonly LongTask[]): number {
  return tasks.reduce((m, t) => Math.max(m, t.durationMs), 0);
}
