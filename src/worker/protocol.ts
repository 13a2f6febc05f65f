/**
 * The typed message protocol between the page and the engine worker.
 *
 * Why a small postMessage protocol instead of Comlink: training is one request that streams many
 * one-way events (backend, batch, epoch, notices) and ends with a result; a discriminated union
 * states exactly what crosses the thread boundary, is switched on exhaustively on both sides, and
 * lets tests drive the very same handler in Node without a Worker or proxies. Cancelling a parse
 * terminates the worker (squoosh's approach), which Comlink would not make simpler.
 *
 * Only plain data crosses: file and bundle bytes travel as transferable ArrayBuffers, the trained
 * model (weights, vocabulary) stays in the worker and the page gets a summary.
 */
import type { SerializedError } from '@/core/errors';
import type { SiftManifest } from '@/core/bundle/types';
import type { LoadProgress } from '@/core/dataset/progress';
import type { LoadedDataset, ReadOptions } from '@/core/dataset/types';
import type { BackendReport, BatchLog, EpochLog, Explanation } from '@/core/model/types';
import type { PreparedInfo } from '@/core/pipeline';
import type { TrainSettings } from '@/core/settings';

/** Command names, as a const object (no enums): the page → worker vocabulary. */
export const COMMAND = {
  parse: 'parse',
  train: 'train',
  stop: 'stop',
  explain: 'explain',
  importModel: 'importModel',
  measureBackends: 'measureBackends',
} as const;

/** Event names: the worker → page vocabulary. */
export const EVENT = {
  parseProgress: 'parseProgress',
  parsed: 'parsed',
  prepared: 'prepared',
  measuring: 'measuring',
  backend: 'backend',
  batch: 'batch',
  epoch: 'epoch',
  notice: 'notice',
  trained: 'trained',
  explained: 'explained',
  modelLoaded: 'modelLoaded',
  measured: 'measured',
  failed: 'failed',
} as const;

/** What the page learns about a parsed file: everything but the examples, which stay in the worker. */
export interface DatasetSummary extends Omit<LoadedDataset, 'examples'> {
  fileName: string;
  byteLength: number;
  exampleCount: number;
}

/** sift.json without the (possibly 50,000-entry) vocabulary, plus what the page needs to export. */
export interface ModelSummary extends Omit<SiftManifest, 'vocabulary'> {
  vocabularySize: number;
  /** NAME.sift.zip, from the engine's bundleFileName. */
  bundleFileName: string;
}

export type WorkerCommand =
  | { type: typeof COMMAND.parse; id: number; bytes: ArrayBuffer; options: ReadOptions; fileName: string }
  | { type: typeof COMMAND.train; id: number; settings: TrainSettings; name: string }
  | { type: typeof COMMAND.stop; id: number }
  | { type: typeof COMMAND.explain; id: number; text: string }
  | { type: typeof COMMAND.importModel; id: number; bytes: ArrayBuffer }
  /**
   * Measure the backends for 'auto' now, in idle time after a parse, so Train starts at once.
   * Answered with `measured`: the choice known this session (measured now or earlier), or null
   * when nothing was measured (a model is loaded, a run is going, too few labels).
   */
  | { type: typeof COMMAND.measureBackends; id: number; settings: TrainSettings };

/** The `auto` choice measured ahead of Train, on which file, and how many ms before it was answered. */
export interface MeasuredBackend {
  report: BackendReport;
  fileName: string;
  msAgo: number;
}

/** A per-batch progress message, already throttled and smoothed by the worker. */
export interface BatchProgress {
  log: BatchLog;
  /** Bias-corrected exponential moving averages over every batch (also the ones not sent). */
  smoothedLoss: number;
  smoothedAccuracy: number;
}

export interface TrainedResult {
  model: ModelSummary;
  /** The exported bundle (NAME.sift.zip bytes) for persistence and download. */
  bundle: ArrayBuffer;
}

export type WorkerEvent =
  | { type: typeof EVENT.parseProgress; id: number; progress: LoadProgress }
  | { type: typeof EVENT.parsed; id: number; dataset: DatasetSummary }
  | { type: typeof EVENT.prepared; id: number; info: PreparedInfo }
  /** Training waits for the backends to be measured (a few real batches on each). */
  | { type: typeof EVENT.measuring; id: number }
  | { type: typeof EVENT.backend; id: number; report: BackendReport }
  | { type: typeof EVENT.batch; id: number; progress: BatchProgress }
  | { type: typeof EVENT.epoch; id: number; log: EpochLog }
  | { type: typeof EVENT.notice; id: number; message: string }
  | ({ type: typeof EVENT.trained; id: number } & TrainedResult)
  /** workerMs: the worker's time to tokenize, predict and explain the text (the Try box's latency, less messaging). */
  | { type: typeof EVENT.explained; id: number; explanation: Explanation; workerMs: number }
  | { type: typeof EVENT.modelLoaded; id: number; model: ModelSummary }
  | { type: typeof EVENT.measured; id: number; known: MeasuredBackend | null }
  | { type: typeof EVENT.failed; id: number; error: SerializedError };

/** Events that end a request (resolve or reject its promise); the rest are progress. */
export type FinalEvent = Extract<WorkerEvent, { type: 'parsed' | 'trained' | 'explained' | 'modelLoaded' | 'measured' | 'failed' }>;
export type ProgressEvent = Exclude<WorkerEvent, FinalEvent>;

export function isFinalEvent(event: WorkerEvent): event is FinalEvent {
  switch (event.type) {
    case 'parsed':
    case 'trained':
    case 'explained':
    case 'modelLoaded':
    case 'measured':
    case 'failed':
      return true;
    case 'parseProgress':
    case 'prepared':
    case 'measuring':
    case 'backend':
    case 'batch':
    case 'epoch':
    case 'notice':
      return false;
    default:
      return assertNever(event);
  }
}

/** Errors the page can show: the engine's, plus the ones only the page can produce. */
export interface AppError {
  code: SerializedError['code'] | 'CANCELLED' | 'WORKER_FAILED' | 'STORAGE' | 'FETCH_FAILED';
  message: string;
  row?: number;
  column?: string;
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && typeof (e as AppError).code === 'string' && typeof (e as AppError).message === 'string';
}

/** Anything thrown or rejected → an AppError with a readable message. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message, row: e.row, column: e.column };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
