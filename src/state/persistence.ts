import type { ReadOptions } from '@/core/dataset/types';
import type { TrainSettings } from '@/core/settings';
import type { LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssuesFound } from '@/core/session';
import type { SettingKey } from './types';
import { memoryRunStorage, type RunStorage } from './runs/runStorage';

export interface SavedDataset {
  bytes: Uint8Array;
  fileName: string;
  options: ReadOptions;
}

export interface SavedSettings {
  /** The fields the person set (SettingsState.overrides). */
  overrides: Partial<TrainSettings>;
}

/** How Sift 0.2.0 saved settings: every value, and which ones the person had touched. */
export interface LegacySavedSettings {
  values: TrainSettings;
  touched: SettingKey[];
}

/** The person's overrides from saved settings of this or the previous format. */
export function savedOverrides(saved: SavedSettings | LegacySavedSettings): Partial<TrainSettings> {
  if ('overrides' in saved) return saved.overrides;
  return Object.fromEntries(saved.touched.filter((key) => key in saved.values).map((key) => [key, saved.values[key]]));
}

export interface SavedModel {
  /**
   * The checked model's stored form (core/bundle/storedModel.ts), so a reload never inflates a zip;
   * workspaces saved by Sift 0.2.0 hold NAME.sift.zip bytes. The engine tells them apart by their
   * first bytes and opens both.
   */
  bytes: Uint8Array;
  fileName: string;
}

/** The label problems found in a dataset and the person's decisions, for the dataset `datasetKey` names. */
export interface SavedLabelReview {
  datasetKey: string;
  found: LabelIssuesFound | null;
  decisions: LabelDecision[];
}

export interface SavedWorkspace {
  dataset?: SavedDataset;
  settings?: SavedSettings | LegacySavedSettings;
  model?: SavedModel;
  labelReview?: SavedLabelReview;
}

/** Where the workspace survives a reload. IndexedDB in the app; memory where that is missing. */
export interface Persistence {
  load(): Promise<SavedWorkspace>;
  /** null forgets the saved dataset (a file too large to keep: see datasetSaving.ts). */
  saveDataset(dataset: SavedDataset | null): Promise<void>;
  saveSettings(settings: SavedSettings): Promise<void>;
  saveModel(model: SavedModel | null): Promise<void>;
  /** One review is kept: the latest dataset's. */
  saveLabelReview(review: SavedLabelReview): Promise<void>;
  loadLabelReview(): Promise<SavedLabelReview | undefined>;
  /** Forgets the dataset, settings and model (not the runs: `runs.clear()` does that). */
  clear(): Promise<void>;
  /** Every training run of the workspace (src/state/runs). */
  runs: RunStorage;
}

/** Keeps the workspace for this page's lifetime only (no IndexedDB, e.g. some private windows). */
export function memoryPersistence(): Persistence {
  let saved: SavedWorkspace = {};
  return {
    load: async () => ({ ...saved }),
    saveDataset: async (dataset) => {
      const { dataset: _old, ...rest } = saved;
      saved = dataset ? { ...rest, dataset } : rest;
    },
    saveSettings: async (settings) => void (saved = { ...saved, settings }),
    saveModel: async (model) => {
      const { model: _old, ...rest } = saved;
      saved = model ? { ...rest, model } : rest;
    },
    saveLabelReview: async (labelReview) => void (saved = { ...saved, labelReview }),
    loadLabelReview: async () => saved.labelReview,
    clear: async () => void (saved = {}),
    runs: memoryRunStorage(),
  };
}
