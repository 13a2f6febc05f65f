/**
 * The shape of the page's state. Long-running work is a discriminated union on `status`, so a
 * component can only read, say, the progress of a run that is actually training.
 */
import type { LoadProgress } from '@/core/dataset/progress';
import type { ReadOptions } from '@/core/dataset/types';
import type { ListedText, TextListPage, TextListQuery } from '@/core/model/evaluatedTexts';
import type { BackendReport, EpochLog, Explanation, StopReason } from '@/core/model/types';
import type { PreparedInfo, PrepareProgress } from '@/core/pipeline';
import type { RunsActions, RunsState, WaitedTime } from './runs/types';
import type { TrainSettings } from '@/core/settings';
import type { AppError } from '@/core/errors';
import type { DatasetSummary, LabelIssuesFound, ModelSummary, WeightFormatChoice } from '@/core/session';
import type { WeightFormat } from '@/core/bundle/weightFormat';
import type { StorageProblem } from './storageProblem';
import type { LabelAction, LabelDecision } from '@/core/quality/labelDecisions';
import type { OutOfFoldProgress } from '@/core/quality/outOfFold';
import type { CorrectedFile } from '@/worker/protocol';
import type { BackendFallback } from '@/core/backendRules';
import type { BatchProgress } from '@/worker/protocol';
import type { Announcement } from './announce';

export type SettingKey = keyof TrainSettings;

/** A file as the person gave it, plus the reading options they chose (only those they changed). */
export interface DataSource {
  /** The file itself, not its bytes: kept outside the tab's memory (dataSource.ts). */
  file: Blob;
  fileName: string;
  options: ReadOptions;
}

export interface ParsedData {
  source: DataSource;
  summary: DatasetSummary;
}

export interface ParseJob {
  fileName: string;
  byteLength: number;
  startedAt: number;
  /** The engine's latest report (null until the first one arrives). */
  progress: LoadProgress | null;
}

/** `current` is the last dataset read successfully: a failing or cancelled file never loses it. */
export type DataState =
  | { status: 'idle' }
  | { status: 'parsing'; job: ParseJob; current: ParsedData | null }
  | { status: 'parsed'; current: ParsedData }
  | { status: 'failed'; fileName: string; error: AppError; current: ParsedData | null };

/**
 * Only what the person decided: the settings themselves come from the one rule,
 * settingsFor(dataset report, overrides) (selectSettings), as in the worker and the CLI.
 */
export interface SettingsState {
  /** Fields the person set, each a valid value; a field left out follows the rule. */
  overrides: Partial<TrainSettings>;
  /** Fields whose input is currently not a valid value (the form shows why). */
  errors: Partial<Record<SettingKey, string>>;
}

export type TrainingState =
  | { status: 'idle' }
  /** `patience`: the run's early-stopping patience, for the time-left estimate (eta.ts). */
  | { status: 'training'; startedAt: number; totalEpochs: number; patience: number; stopping: boolean }
  /** `waited`: what the person waited, Train click to model (null for a run this page did not time). */
  | { status: 'trained'; stopReason: StopReason; bestEpoch: number; seconds: number; waited?: WaitedTime | null }
  | { status: 'failed'; error: AppError };

/** One smoothed point of the per-batch curves; x is in epochs (1.5 = half-way through epoch 2). */
export interface BatchPoint {
  x: number;
  loss: number;
  accuracy: number;
}

/** What the current (or last) training run has shown so far. */
export interface RunState {
  /** How far preparing the texts is, while it goes (null before the first report). */
  preparing: PrepareProgress | null;
  prepared: PreparedInfo | null;
  backend: BackendReport | null;
  /** Training waits for the engine to finish measuring which backend is fastest here. */
  measuring: boolean;
  progress: BatchProgress | null;
  /** performance.now() of the first batch message, for the ETA. */
  firstBatchAt: number | null;
  batches: BatchPoint[];
  epochs: EpochLog[];
  /** Backends the run had to leave (WebGL lost mid-run), in order. */
  fallbacks: BackendFallback[];
  /** Read out by an aria-live region after each epoch and at the end (put into words by the page). */
  announcement: Announcement;
}

export interface ReadyModel {
  status: 'ready';
  summary: ModelSummary;
  /**
   * The checked, parsed model as one buffer (core/bundle/storedModel.ts): what this browser keeps
   * between visits, and what a restarted engine is sent again.
   */
  stored: Uint8Array;
  /** The NAME.sift.zip the person opened, exported as it came; null: the engine zips the model on export. */
  bundle: Uint8Array | null;
  origin: 'trained' | 'imported' | 'restored';
}

/** While a bundle is being opened the previous model (if any) stays usable. */
export type ModelState = { status: 'none' } | { status: 'loading'; fileName: string; previous: ReadyModel | null } | ReadyModel;

export interface TryState {
  text: string;
  result: Explanation | null;
  /** The worker's time for `result` (tokenize, predict, explain), in ms. */
  workerMs: number | null;
  /** A prediction is being computed for `text`. */
  pending: boolean;
  error: AppError | null;
}

/**
 * The texts behind a cell of the confusion matrix (or every mistake), one page at a time, read
 * from what the engine kept of the current model's validation split.
 */
export type TextListState =
  | { status: 'closed' }
  /** `page`: the page shown until the asked one arrives (null when the list was just opened). */
  | { status: 'loading'; query: TextListQuery; offset: number; page: TextListPage | null }
  | { status: 'ready'; page: TextListPage }
  /** The engine holds no texts for this model (opened from a file, or trained without validation). */
  | { status: 'unavailable'; query: TextListQuery }
  | { status: 'failed'; query: TextListQuery; error: AppError };

/** The word explanation opened under one listed text (one at a time), by its row in the file. */
export type ListedExplanation =
  | { status: 'loading'; row: number }
  | { status: 'ready'; row: number; explanation: Explanation }
  | { status: 'failed'; row: number; error: AppError };

/** Which backend 'auto' will train on, measured ahead of Train (see dataSlice's measureAhead). */
export type BackendChoiceState =
  | { status: 'unknown' }
  | { status: 'measuring' }
  /** `measuredAt`: performance.now() on the page when it was measured. */
  | { status: 'measured'; report: BackendReport; fileName: string; measuredAt: number };

/**
 * What went wrong with this browser's storage (or exporting, or taking the workspace over from
 * another tab), and why, as data the page words.
 */
export type WorkspaceNotice =
  | { kind: 'save-failed' | 'restore-failed' | 'clear-failed' | 'export-failed' | 'take-over-failed'; detail: StorageProblem }
  /** A file larger than `largest` bytes is used but not saved in the browser (slices/datasetSaving.ts). */
  | { kind: 'dataset-not-kept'; fileName: string; bytes: number; largest: number };

export interface WorkspaceState {
  status: 'restoring' | 'ready';
  /** Problems with saving/restoring, shown in the header; never blocks work. */
  notice: WorkspaceNotice | null;
}

/** The search for label problems (k-fold training in the worker), if one runs or failed. */
export type LabelSearchState =
  | { status: 'idle' }
  | { status: 'finding'; startedAt: number; progress: OutOfFoldProgress | null; cancelling: boolean }
  | { status: 'failed'; error: AppError };

/**
 * "Find label problems" and the person's decisions about what it found. Both belong to one
 * dataset (its bytes and reading options: `datasetKey`); another file, or the same one read with
 * other options, starts with none, and the saved ones come back with their dataset.
 */
export interface LabelReviewState {
  datasetKey: string | null;
  search: LabelSearchState;
  /** The last search's result for this dataset (kept while a new one runs, and after a Cancel). */
  found: LabelIssuesFound | null;
  /** At most one per row, in row order. */
  decisions: LabelDecision[];
}

/**
 * Whether this tab keeps the workspace in the browser's storage (state/workspaceLock.ts), and if
 * not, why. Only 'saving' writes. Not part of SiftData: "New" does not change it.
 */
export type StorageState =
  | { status: 'saving' }
  /** Another tab of Sift keeps the workspace: this one neither reads nor writes it. */
  | { status: 'elsewhere' }
  | { status: 'taking-over' }
  /** Another tab took the workspace over: this one stopped saving. */
  | { status: 'taken-over' }
  /** No storage here, or it failed or did not answer: nothing is saved, and saved work is not overwritten. */
  | { status: 'unavailable'; reason: StorageProblem };

export interface StorageData {
  storage: StorageState;
}

export interface StorageActions {
  /** Claims the workspace for this tab and restores it; in a tab where Sift is open elsewhere, only says so. */
  open(): Promise<void>;
  /** Takes the workspace from the other tab (which stops saving) and opens the work it saved. */
  takeOver(): Promise<void>;
}

export interface SiftData {
  data: DataState;
  settings: SettingsState;
  training: TrainingState;
  run: RunState;
  model: ModelState;
  modelError: AppError | null;
  tryIt: TryState;
  textList: TextListState;
  listedExplanation: ListedExplanation | null;
  workspace: WorkspaceState;
  backendChoice: BackendChoiceState;
  labelReview: LabelReviewState;
  /** Every training run of the workspace (src/state/runs). */
  runs: RunsState;
}

export interface DataActions {
  /** A picked or dropped file (kept as it is), or bytes (kept as a Blob). */
  loadFile(file: Blob | Uint8Array, fileName: string): Promise<void>;
  loadSample(sample: SampleId): Promise<void>;
  /** Re-reads the current file with these options changed (undefined = detect again). */
  setReadOptions(patch: ReadOptions): Promise<void>;
  cancelParse(): void;
  dismissDataError(): void;
}

export interface SettingsActions {
  updateSetting<K extends SettingKey>(key: K, value: TrainSettings[K]): void;
  setSettingError(key: SettingKey, message: string | null): void;
  resetSettings(): void;
}

export interface TrainingActions {
  train(): Promise<void>;
  stopTraining(): void;
}

export interface ModelActions {
  importModel(bytes: Uint8Array, fileName: string): Promise<void>;
  /** Opens a model file the person picked, refusing one larger than any Sift model before reading it. */
  openModelFile(file: Blob, fileName: string): Promise<void>;
  /** The NAME.sift.zip to download (zipped by the engine when the page has none), or null without a model. */
  exportModel(): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  /**
   * Each weight format's file size and validation metrics as loaded back, measured by the engine
   * now (when a person exports, not after every run); null for a model opened from a file or kept
   * from an earlier visit, whose file holds one format only. Rejects with an AppError.
   */
  compareWeightFormats(): Promise<WeightFormatChoice[] | null>;
  /** The current model's NAME.sift.zip in `format` (in its own format: as exportModel gives it). Rejects with an AppError. */
  exportModelAs(format: WeightFormat): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  dismissModelError(): void;
}

export interface TryActions {
  setTryText(text: string): void;
}

export interface TextListActions {
  /** Opens the first page of a list (a cell's texts, or every mistake). */
  openTextList(query: TextListQuery): Promise<void>;
  /** Shows the page of the open list that starts at `offset`. */
  showTextListPage(offset: number): Promise<void>;
  closeTextList(): void;
  /** Opens the word explanation of a listed text, or closes it when it is the one open. */
  toggleListedExplanation(item: ListedText): Promise<void>;
}

/** A corrected copy of the dataset, named for download. */
export interface CorrectedDownload extends Omit<CorrectedFile, 'bytes'> {
  fileName: string;
  bytes: Uint8Array;
}

export interface LabelReviewActions {
  /** Runs the search on the current dataset with the settings Train would use; not while training. */
  findLabelProblems(): Promise<void>;
  cancelLabelProblems(): void;
  /** Decides for these found rows: relabel (as suggested), drop, or keep. Replaces earlier decisions about them. */
  decideLabels(rows: readonly number[], action: LabelAction): void;
  undoLabelDecisions(rows: readonly number[]): void;
  /** The dataset's file with the decisions applied, or null without a dataset. */
  correctedCsv(): Promise<CorrectedDownload | null>;
}

export interface WorkspaceActions {
  restore(): Promise<void>;
  /** Forgets everything: dataset, settings, model, and what was saved. */
  newWorkspace(): Promise<void>;
  /** Back to initialState() without touching storage or the engine (tests). */
  reset(): void;
}

export type SiftState = SiftData &
  StorageData &
  StorageActions &
  DataActions &
  SettingsActions &
  TrainingActions &
  ModelActions &
  TryActions &
  TextListActions &
  LabelReviewActions &
  WorkspaceActions &
  RunsActions;

/** The datasets bundled in public/samples (the page names and describes them in its catalogue). */
export const SAMPLES = {
  sms: { fileName: 'sms_spam.csv' },
  thucnews: { fileName: 'thucnews_titles.csv' },
} as const;
export type SampleId = keyof typeof SAMPLES;
