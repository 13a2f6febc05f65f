/** Named selectors and small derivations the panels share. */
import type { DatasetReport } from '@/core/dataset/types';
import type { EpochLog } from '@/core/model/types';
import { settingsFor, type TrainSettings } from '@/core/settings';
import type { DataState, ModelState, ParsedData, ReadyModel, RunState, SiftState } from './types';

export function currentData(data: DataState): ParsedData | null {
  switch (data.status) {
    case 'idle':
      return null;
    case 'parsing':
    case 'failed':
      return data.current;
    case 'parsed':
      return data.current;
  }
}

export function readyModel(model: ModelState): ReadyModel | null {
  return model.status === 'ready' ? model : model.status === 'loading' ? model.previous : null;
}

export const selectDataset = (s: SiftState) => currentData(s.data);

/** One cached answer: components re-render only when the report or the overrides change. */
let settingsCache: { report: DatasetReport | null; overrides: Partial<TrainSettings>; settings: TrainSettings } | null = null;

/**
 * The settings a run would use now: the one rule (settingsFor) over the current dataset's report
 * and the person's overrides, exactly what the worker will compute when Train is pressed.
 */
export function selectSettings(s: SiftState): TrainSettings {
  const report = currentData(s.data)?.summary.report ?? null;
  const { overrides } = s.settings;
  if (settingsCache?.report !== report || settingsCache.overrides !== overrides) {
    settingsCache = { report, overrides, settings: settingsOrRule(report, overrides) };
  }
  return settingsCache.settings;
}
export const selectIsTraining = (s: SiftState) => s.training.status === 'training';
export const selectIsParsing = (s: SiftState) => s.data.status === 'parsing';
export const selectCanTrain = (s: SiftState) =>
  currentData(s.data) !== null &&
  s.data.status !== 'parsing' &&
  s.training.status !== 'training' &&
  s.labelReview.search.status !== 'finding' &&
  Object.keys(s.settings.errors).length === 0 &&
  (currentData(s.data)?.summary.report.trainable ?? false);

/** Overrides are validated before they reach the store; should one slip through, the rule alone applies. */
function settingsOrRule(report: DatasetReport | null, overrides: Partial<TrainSettings>): TrainSettings {
  try {
    return settingsFor(report, overrides);
  } catch {
    return settingsFor(report);
  }
}

/** Epoch logs to chart: the live run's, or the loaded model's own training history. */
export function chartEpochs(run: RunState, model: ModelState): EpochLog[] {
  if (run.epochs.length > 0 || run.batches.length > 0) return run.epochs;
  return readyModel(model)?.summary.training.history ?? [];
}
