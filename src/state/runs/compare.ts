/** What differs between two runs: their settings, their per-class F1, their loss curves. */
import type { EpochLog, Metrics } from '@/core/model/types';
import type { TrainSettings } from '@/core/settings';

export interface SettingDifference<K extends keyof TrainSettings = keyof TrainSettings> {
  key: K;
  a: TrainSettings[K];
  b: TrainSettings[K];
  differs: boolean;
}

/** Every setting of both runs, in `order` (keys missing from it follow, sorted), each marked when it differs. */
export function settingsDiff(a: TrainSettings, b: TrainSettings, order: readonly (keyof TrainSettings)[] = []): SettingDifference[] {
  const rest = (Object.keys(a) as (keyof TrainSettings)[]).filter((k) => !order.includes(k)).sort();
  return [...order, ...rest].map((key) => ({ key, a: a[key], b: b[key], differs: a[key] !== b[key] }));
}

export interface ClassF1Row {
  label: string;
  a: number | null;
  b: number | null;
  /** b − a, when both runs know the class. */
  difference: number | null;
}

/** Per-class F1 of two runs on their validation examples, over the classes of either, by label. */
export function classF1Rows(a: Metrics | null, b: Metrics | null): ClassF1Row[] {
  const f1 = (m: Metrics | null) => new Map((m?.perClass ?? []).map((c) => [c.label, c.f1]));
  const fa = f1(a);
  const fb = f1(b);
  const labels = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return labels.map((label) => {
    const x = fa.get(label) ?? null;
    const y = fb.get(label) ?? null;
    return { label, a: x, b: y, difference: x !== null && y !== null ? y - x : null };
  });
}

/** uPlot columns for two runs' loss curves on one chart: epoch, A training, A validation, B training, B validation. */
export type ComparisonColumns = [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]];

export function comparisonColumns(a: readonly EpochLog[], b: readonly EpochLog[]): ComparisonColumns {
  const epochs = Math.max(a.length, b.length);
  const xs = Array.from({ length: epochs }, (_, i) => i + 1);
  const at = (h: readonly EpochLog[], field: 'loss' | 'valLoss') => xs.map((x) => h.find((e) => e.epoch === x)?.[field] ?? null);
  return [xs, at(a, 'loss'), at(a, 'valLoss'), at(b, 'loss'), at(b, 'valLoss')];
}
