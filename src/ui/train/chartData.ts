import type { EpochLog, StopReason } from '@/core/model/types';
import type { BatchPoint } from '@/state/types';
import type { T } from '../i18n';

export type Metric = 'loss' | 'accuracy';

/** uPlot's columns: x (epochs), smoothed per-batch value, per-epoch training value, per-epoch validation value. */
export type ChartColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Merges the per-batch points and the per-epoch points onto one x axis measured in epochs
 * (epoch 2's summary sits at x = 2, the end of that epoch). Missing values are null; the series
 * span the gaps, so each reads as its own line.
 */
export function chartColumns(batches: BatchPoint[], epochs: EpochLog[], metric: Metric): ChartColumns {
  const xs: number[] = [];
  const batchValues: (number | null)[] = [];
  const trainValues: (number | null)[] = [];
  const valValues: (number | null)[] = [];
  let b = 0;
  let e = 0;
  while (b < batches.length || e < epochs.length) {
    const takeBatch = e >= epochs.length || (b < batches.length && batches[b].x <= epochs[e].epoch);
    if (takeBatch) {
      const p = batches[b++];
      xs.push(p.x);
      batchValues.push(metric === 'loss' ? p.loss : p.accuracy);
      trainValues.push(null);
      valValues.push(null);
    } else {
      const log = epochs[e++];
      xs.push(log.epoch);
      batchValues.push(null);
      trainValues.push(metric === 'loss' ? log.loss : log.accuracy);
      valValues.push(metric === 'loss' ? log.valLoss : log.valAccuracy);
    }
  }
  return [xs, batchValues, trainValues, valValues];
}

export interface ChartMarker {
  x: number;
  label: string;
}

/** Where the chart marks the kept epoch and an early stop. */
export function chartMarkers(t: T, stopReason: StopReason | null, bestEpoch: number | null, epochsRun: number): ChartMarker[] {
  const markers: ChartMarker[] = [];
  if (bestEpoch !== null && bestEpoch > 0 && stopReason !== null) markers.push({ x: bestEpoch, label: t('train.charts.kept', { epoch: bestEpoch }) });
  if (stopReason === 'early-stopping' && epochsRun > 0 && epochsRun !== bestEpoch) markers.push({ x: epochsRun, label: t('train.charts.stoppedEarly') });
  if (stopReason === 'user' && epochsRun > 0 && epochsRun !== bestEpoch) markers.push({ x: epochsRun, label: t('train.charts.stoppedByYou') });
  return markers;
}

/**
 * Where the x axis ends: the epochs actually run, the one in progress included (epoch 3 under
 * way: 3), never the planned ceiling, so a run that stops early at epoch 2 of 20 fills the chart.
 */
export function xAxisEnd(batches: readonly BatchPoint[], epochs: readonly EpochLog[]): number {
  const lastBatch = batches.at(-1)?.x ?? 0;
  // 1e-9: a batch at exactly x = 2 (the end of epoch 2) does not open epoch 3.
  return Math.max(1, Math.ceil(lastBatch - 1e-9), epochs.at(-1)?.epoch ?? 0);
}
