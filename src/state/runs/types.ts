/**
 * Runs: every training run of the workspace, kept in the browser with what it trained on, how it
 * went and (for the latest ones) its model, so a person can compare runs and go back to one.
 */
import type { BackendName, EpochLog, Metrics, StopReason } from '@/core/model/types';
import type { TrainSettings } from '@/core/settings';

/**
 * 'training': saved when the run started and updated as it goes; a run still 'training' when the
 * page opens again was interrupted (the page that trained it is gone) and becomes 'interrupted'.
 */
export type RunStatus = 'training' | 'complete' | 'interrupted';

/** What the person waited for the run, in seconds, from the Train click to the trained model. */
export interface WaitedTime {
  total: number;
  /** Reading the texts into a vocabulary and encoding them. */
  preparing: number;
  /** Timing a few batches on each backend to pick the fastest (and waiting for that). */
  measuring: number;
  /** Starting the backend, the epochs, and evaluating and saving the model. */
  training: number;
}

/** The model a run kept, stored beside the run as NAME.sift.zip bytes. */
export interface RunModel {
  fileName: string;
  byteLength: number;
  /** The epoch whose weights these are. */
  epoch: number;
  /** The bundle's createdAt: it tells which run the page's current model is. */
  createdAt: string;
}

export interface RunRecord {
  id: string;
  /** 1, 2, 3 … in the order the runs were started in this workspace. */
  number: number;
  /** ISO date and time the run started. */
  startedAt: string;
  /** The data file it trained on. */
  datasetFileName: string;
  status: RunStatus;
  settings: TrainSettings;
  labels: string[];
  /** Every finished epoch (for an interrupted run: the ones finished before the page went). */
  history: EpochLog[];
  /** The epoch whose weights were kept; null while none was. */
  bestEpoch: number | null;
  stopReason: StopReason | null;
  /** Metrics on the validation examples (a complete run with validation only). */
  validation: Metrics | null;
  backend: BackendName | null;
  waited: WaitedTime | null;
  /** null: no model kept yet (no checkpoint), or dropped to bound storage (see `modelDropped`). */
  model: RunModel | null;
  /** The model was deleted to keep storage bounded; the figures stay. */
  modelDropped: boolean;
}

/** A run found interrupted when the page opened again. */
export interface InterruptedNotice {
  runId: string;
  runNumber: number;
  /** The epoch in progress when the page went (finished epochs + 1). */
  atEpoch: number;
  /** The epoch of the model kept, or null when none was saved yet. */
  keptEpoch: number | null;
}

export interface RunsState {
  /** Newest first. */
  list: RunRecord[];
  /** Up to two run ids to show side by side, in the order they were picked. */
  compare: string[];
  interrupted: InterruptedNotice | null;
  /** A run's model being loaded to make it current. */
  opening: string | null;
}

export interface RunsActions {
  /** Makes this run's model the current one (Try box, Export, Evaluate). */
  useRun(id: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
  /** Adds or removes a run from the comparison (at most two: a third replaces the older pick). */
  toggleCompare(id: string): void;
  dismissInterrupted(): void;
}
