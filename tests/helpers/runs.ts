import type { EpochLog, Metrics } from '@/core/model/types';
import { DEFAULT_SETTINGS } from '@/core/settings';
import type { RunRecord } from '@/state/runs/types';

/** An epoch log whose numbers follow from `epoch` and `valLoss`. */
export function epochLog(epoch: number, valLoss: number | null = 0.5 / epoch): EpochLog {
  return { epoch, loss: 0.6 / epoch, accuracy: 1 - 0.3 / epoch, valLoss, valAccuracy: valLoss === null ? null : 1 - valLoss / 2, examplesPerSecond: 1000, seconds: 0.5 };
}

/** Validation metrics with these per-class F1 values. */
export function metricsWithF1(f1: Record<string, number>): Metrics {
  const labels = Object.keys(f1);
  return {
    accuracy: 0.9,
    macroF1: labels.reduce((s, l) => s + f1[l], 0) / labels.length,
    examples: 100,
    labels,
    perClass: labels.map((label) => ({ label, precision: f1[label], recall: f1[label], f1: f1[label], support: 10 })),
    confusion: labels.map(() => labels.map(() => 0)),
  };
}

/** A complete run numbered `n` (id `run-N`), with a model of `modelBytes` bytes unless null. */
export function runRecord(n: number, changes: Partial<RunRecord> = {}, modelBytes: number | null = 5_000_000): RunRecord {
  return {
    id: `run-${n}`,
    number: n,
    startedAt: new Date(Date.UTC(2025, 0, 1, 12, n)).toISOString(),
    datasetFileName: 'sms_spam.csv',
    status: 'complete',
    settings: { ...DEFAULT_SETTINGS },
    labels: ['ham', 'spam'],
    history: [epochLog(1), epochLog(2)],
    bestEpoch: 2,
    stopReason: 'completed',
    validation: metricsWithF1({ ham: 0.99, spam: 0.9 }),
    backend: 'wasm',
    waited: { total: 3, preparing: 1, measuring: 1, training: 1 },
    model: modelBytes === null ? null : { fileName: 'sms_spam.sift.zip', byteLength: modelBytes, epoch: 2, createdAt: `2025-01-01T12:0${n}:00.000Z` },
    modelDropped: false,
    ...changes,
  };
}
