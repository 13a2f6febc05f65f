/**
 * The typed message protocol between the page and the engine worker.
 *
 * Why a small postMessage protocol instead of Comlink: training is one request that streams many
 * one-way events (backend, batch, epoch, fallback) and ends with a result; a discriminated union
 * states exactly what crosses the thread boundary, is switched on exhaustively on both sides, and
 * lets tests drive the very same handler in Node without a Worker or proxies. Cancelling a parse
 * terminates the worker (squoosh's approach), which Comlink would not make simpler.
 *
 * Only plain data crosses: file and bundle bytes travel as transferable ArrayBuffers, the trained
 * model (weights, vocabulary) stays in the worker and the page gets a summary, plus the model's
 * stored form (core/bundle/storedModel.ts) to keep between visits.
 */
import type { BackendFallback } from '@/core/backendRules';
import type { LoadProgress } from '@/core/dataset/progress';
import type { ReadOptions } from '@/core/dataset/types';
import type { AppError } from '@/core/errors';
import type { TextListPage, TextListQuery } from '@/core/model/evaluatedTexts';
import type { BackendReport, BatchLog, EpochLog, Explanation } from '@/core/model/types';
import type { PreparedInfo, PrepareProgress } from '@/core/pipeline';
import type { DatasetSummary, LabelIssuesFound, MeasuredBackend, ModelSummary, WeightFormatChoice } from '@/core/session';
import type { WeightFormat } from '@/core/bundle/weightFormat';
import type { TrainSettings } from '@/core/settings';
import type { CorrectedCsv } from '@/core/dataset/correctedCsv';
import type { LabelDecision } from '@/core/quality/labelDecisions';
import type { OutOfFoldProgress } from '@/core/quality/outOfFold';

/**
 * A run's settings travel as the fields the person set; the worker turns them into settings with
 * the one rule (settingsFor) on the dataset it holds, as the page's form does to show them.
 */
export type SettingOverrides = Partial<TrainSettings>;

export type WorkerCommand =
  | { type: 'parse'; id: number; bytes: ArrayBuffer; options: ReadOptions; fileName: string }
  /** `decisions`: the person's label decisions, applied to the examples before training. */
  | { type: 'train'; id: number; overrides: SettingOverrides; name: string; decisions?: LabelDecision[] }
  | { type: 'stop'; id: number }
  | { type: 'explain'; id: number; text: string }
  /** A NAME.sift.zip, or a model's stored form (a reload): told apart by their first bytes. */
  | { type: 'importModel'; id: number; bytes: ArrayBuffer }
  /** The current model as NAME.sift.zip, for download: in its own weight format, or in `format` (a model trained in this session). */
  | { type: 'exportModel'; id: number; format?: WeightFormat }
  /**
   * One page of the current model's validation texts behind a confusion-matrix cell (or all its
   * mistakes), from what the worker kept after training: answered with `cellTexts`.
   */
  | { type: 'cellTexts'; id: number; query: TextListQuery; offset: number; limit: number }
  /**
   * Measure the backends for 'auto' now, in idle time after a parse, so Train starts at once.
   * Answered with `measured`: the choice known this session (measured now or earlier), or null
   * when nothing was measured (a run is going, a named backend, too few labels).
   */
  | { type: 'measureBackends'; id: number; overrides: SettingOverrides }
  /** Find label problems in the dataset held, with the settings a Train would use (k folds, default 5). */
  | { type: 'findLabelIssues'; id: number; overrides: SettingOverrides; folds?: number }
  /** Ends the search for label problems after its current batch; it then fails with CANCELLED. */
  | { type: 'cancelLabelIssues'; id: number }
  /** The file with the label decisions applied (correctedCsv.ts); the page sends the bytes it keeps. */
  | { type: 'writeCorrectedCsv'; id: number; bytes: ArrayBuffer; options: ReadOptions; decisions: LabelDecision[] }
  /** Each weight format's file size and validation metrics as read back (on demand, when exporting): `formatsCompared`. */
  | { type: 'compareFormats'; id: number };

/** A corrected copy of the file, its bytes transferable. */
export type CorrectedFile = Omit<CorrectedCsv, 'bytes'> & { bytes: ArrayBuffer };

/** A per-batch progress message, already throttled and smoothed by the worker. */
export interface BatchProgress {
  log: BatchLog;
  /** Bias-corrected exponential moving averages over every batch (also the ones not sent). */
  smoothedLoss: number;
  smoothedAccuracy: number;
}

export interface TrainedResult {
  model: ModelSummary;
  /** The model's stored form (core/bundle/storedModel.ts): what the page saves and sends back to a restarted engine. */
  stored: ArrayBuffer;
}

export interface LoadedModel {
  model: ModelSummary;
  /** The stored form of a model opened from a .sift.zip; null when it was opened from its stored form. */
  stored: ArrayBuffer | null;
}

export type WorkerEvent =
  | { type: 'parseProgress'; id: number; progress: LoadProgress }
  | { type: 'parsed'; id: number; dataset: DatasetSummary }
  /** Tokenizing and encoding the texts before a run (throttled by the engine: ~1 per percent). */
  | { type: 'preparing'; id: number; progress: PrepareProgress }
  | { type: 'prepared'; id: number; info: PreparedInfo }
  /** Training waits for the backends to be measured (a few real batches on each). */
  | { type: 'measuring'; id: number }
  | { type: 'backend'; id: number; report: BackendReport }
  | { type: 'batch'; id: number; progress: BatchProgress }
  | { type: 'epoch'; id: number; log: EpochLog }
  /** The run moved to another backend (WebGL failed mid-run): it goes on there after the kept epochs, or starts over. */
  | { type: 'fallback'; id: number; fallback: BackendFallback }
  /**
   * The best epoch so far as a bundle (NAME.sift.zip bytes, stop reason 'interrupted'), saved so a
   * reload mid-run keeps a model; exportMs: what writing it cost the worker.
   */
  | { type: 'checkpoint'; id: number; epoch: number; bundle: ArrayBuffer; createdAt: string; exportMs: number }
  | ({ type: 'trained'; id: number } & TrainedResult)
  /** workerMs: the worker's time to tokenize, predict and explain the text (the Try box's latency, less messaging). */
  | { type: 'explained'; id: number; explanation: Explanation; workerMs: number }
  | ({ type: 'modelLoaded'; id: number } & LoadedModel)
  | { type: 'exported'; id: number; bundle: ArrayBuffer; fileName: string; format: WeightFormat }
  /** page: null when the worker holds no texts for the current model (opened from a file, or no validation split). */
  | { type: 'cellTexts'; id: number; page: TextListPage | null }
  | { type: 'measured'; id: number; known: MeasuredBackend | null }
  /** How far the search for label problems is: fold, overall fraction, ETA (throttled). */
  | { type: 'labelIssuesProgress'; id: number; progress: OutOfFoldProgress }
  | { type: 'labelIssuesFound'; id: number; found: LabelIssuesFound }
  | { type: 'correctedCsvWritten'; id: number; file: CorrectedFile }
  /** choices: null for a model opened from a file (it holds only the format it was saved in). */
  | { type: 'formatsCompared'; id: number; choices: WeightFormatChoice[] | null }
  | { type: 'failed'; id: number; error: AppError };

/** Events that end a request (resolve or reject its promise); the rest are progress. */
export type FinalEvent = Extract<
  WorkerEvent,
  {
    type: 'parsed' | 'trained' | 'explained' | 'modelLoaded' | 'exported' | 'cellTexts' | 'measured' | 'labelIssuesFound' | 'correctedCsvWritten' | 'formatsCompared' | 'failed';
  }
>;
export type ProgressEvent = Exclude<WorkerEvent, FinalEvent>;

export function isFinalEvent(event: WorkerEvent): event is FinalEvent {
  switch (event.type) {
    case 'parsed':
    case 'trained':
    case 'explained':
    case 'modelLoaded':
    case 'cellTexts':
    case 'exported':
    case 'measured':
    case 'labelIssuesFound':
    case 'correctedCsvWritten':
    case 'formatsCompared':
    case 'failed':
      return true;
    case 'parseProgress':
    case 'preparing':
    case 'checkpoint':
    case 'prepared':
    case 'measuring':
    case 'backend':
    case 'batch':
    case 'epoch':
    case 'fallback':
    case 'labelIssuesProgress':
      return false;
    default:
      return assertNever(event);
  }
}

export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
