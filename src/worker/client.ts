/**
 * The page's side of the worker protocol: one promise per request, progress events delivered to
 * the request that asked for them. Transport-agnostic, so the app runs it over a real module
 * Worker and tests run it over the same handler in-process.
 */
import type { ReadOptions } from '@/core/dataset/types';
import type { AppError } from '@/core/errors';
import type { TextListPage, TextListQuery } from '@/core/model/evaluatedTexts';
import type { Explanation } from '@/core/model/types';
import type { DatasetSummary, LabelIssuesFound, MeasuredBackend, WeightFormatChoice } from '@/core/session';
import type { WeightFormat } from '@/core/bundle/weightFormat';
import type { LabelDecision } from '@/core/quality/labelDecisions';
import {
  isFinalEvent,
  type CorrectedFile,
  type FinalEvent,
  type LoadedModel,
  type ProgressEvent,
  type SettingOverrides,
  type TrainedResult,
  type WorkerCommand,
  type WorkerEvent,
} from './protocol';
import { ownBuffer } from './ownBuffer';

/** Distributes Omit over a union, so each command keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface Transport {
  send(command: WorkerCommand, transfer: Transferable[]): void;
  /** Ends whatever runs (a parse cannot be interrupted otherwise) and starts a fresh engine. */
  restart(): void;
  dispose(): void;
}

export type TransportFactory = (onEvent: (event: WorkerEvent) => void, onCrash: (message: string) => void) => Transport;

export interface EngineClient {
  /** Increases each time the engine restarts; the engine then holds no dataset and no model. */
  readonly generation: number;
  /**
   * `onProgress` hears parseProgress events (stage and overall fraction) while the file is read.
   * The bytes are handed over (transferred to the worker where they fill their buffer): do not use them after.
   */
  parse(bytes: Uint8Array, options: ReadOptions, fileName: string, onProgress?: (event: ProgressEvent) => void): Promise<DatasetSummary>;
  /** Cancels a running parse by restarting the engine; its promise rejects with CANCELLED. */
  cancelParse(): void;
  /** `decisions`: label decisions applied to the examples before training (none by default). */
  train(overrides: SettingOverrides, name: string, onProgress: (event: ProgressEvent) => void, decisions?: LabelDecision[]): Promise<TrainedResult>;
  /** Asks training to stop after the current batch, keeping the best model so far. */
  stop(): void;
  /** The prediction and its explanation, with the worker's time for them in ms. */
  explain(text: string): Promise<{ explanation: Explanation; workerMs: number }>;
  /** Opens a .sift.zip or a model's stored form; answers the summary and, for a zip, the stored form. */
  importModel(bytes: Uint8Array): Promise<LoadedModel>;
  /** The engine's current model as NAME.sift.zip bytes: in its own weight format, or in `format` (a model trained in this session). */
  exportModel(format?: WeightFormat): Promise<{ bundle: Uint8Array; fileName: string; format: WeightFormat }>;
  /** One page of the current model's validation texts behind a cell (null: the engine holds none for it). */
  cellTexts(query: TextListQuery, offset: number, limit: number): Promise<TextListPage | null>;
  /** Asks the engine to measure the backends for 'auto' now, in idle time; null: not measured. */
  measureBackends(overrides: SettingOverrides): Promise<MeasuredBackend | null>;
  /** Finds label problems in the dataset the engine holds; `onProgress` hears labelIssuesProgress and backend events. */
  findLabelIssues(overrides: SettingOverrides, folds: number | undefined, onProgress: (event: ProgressEvent) => void): Promise<LabelIssuesFound>;
  /** Asks the search for label problems to end; its promise then rejects with CANCELLED. */
  cancelLabelIssues(): void;
  /** The file (bytes as the page keeps them) written back with the decisions applied. */
  writeCorrectedCsv(bytes: Uint8Array, options: ReadOptions, decisions: LabelDecision[]): Promise<CorrectedFile>;
  /** Each weight format's file size and validation metrics as read back; null for a model not trained in this session. */
  compareFormats(): Promise<WeightFormatChoice[] | null>;
  dispose(): void;
}

interface Pending {
  resolve(event: FinalEvent): void;
  reject(error: AppError): void;
  onProgress?: (event: ProgressEvent) => void;
}

export function createEngineClient(makeTransport: TransportFactory): EngineClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let generation = 0;

  const rejectAll = (error: AppError) => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(error);
  };

  // Started on first use: importing the store (in tests, or before the page needs it) starts nothing.
  let started: Transport | null = null;
  const transport = (): Transport => (started ??= makeTransport(
    (event) => {
      const p = pending.get(event.id);
      if (!p) return; // answer to a request cancelled by a restart
      if (isFinalEvent(event)) {
        pending.delete(event.id);
        if (event.type === 'failed') p.reject(event.error);
        else p.resolve(event);
      } else {
        p.onProgress?.(event);
      }
    },
    (message) => {
      // The worker died (out of memory, a crash while loading): nothing pending will be answered.
      generation += 1;
      transport().restart();
      rejectAll({ code: 'WORKER_FAILED', message: `The engine stopped unexpectedly: ${message}` });
    },
  ));

  function request<E extends FinalEvent['type']>(
    command: WithoutId<WorkerCommand>,
    expected: E,
    transfer: Transferable[] = [],
    onProgress?: (event: ProgressEvent) => void,
  ): Promise<Extract<FinalEvent, { type: E }>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve: (event) => {
          if (event.type === expected) resolve(event as Extract<FinalEvent, { type: E }>);
          else reject({ code: 'INTERNAL', message: `The engine answered ${event.type} to ${command.type}.` } satisfies AppError);
        },
        reject,
        onProgress,
      });
      transport().send({ ...command, id } as WorkerCommand, transfer);
    });
  }

  return {
    get generation() {
      return generation;
    },
    async parse(bytes, options, fileName, onProgress) {
      // Handed over, not copied: the page keeps the file itself (state/dataSource.ts) and reads
      // it again for another parse, so these bytes are the caller's to give away.
      const buffer = ownBuffer(bytes);
      const event = await request({ type: 'parse', bytes: buffer, options, fileName }, 'parsed', [buffer], onProgress);
      return event.dataset;
    },
    cancelParse() {
      generation += 1;
      started?.restart();
      rejectAll({ code: 'CANCELLED', message: 'Cancelled.' });
    },
    async train(overrides, name, onProgress, decisions) {
      const event = await request({ type: 'train', overrides, name, ...(decisions && decisions.length > 0 ? { decisions } : {}) }, 'trained', [], onProgress);
      return { model: event.model, stored: event.stored };
    },
    stop() {
      transport().send({ type: 'stop', id: nextId++ }, []);
    },
    async explain(text) {
      const { explanation, workerMs } = await request({ type: 'explain', text }, 'explained');
      return { explanation, workerMs };
    },
    async importModel(bytes) {
      const buffer = bytes.slice().buffer as ArrayBuffer;
      const { model, stored } = await request({ type: 'importModel', bytes: buffer }, 'modelLoaded', [buffer]);
      return { model, stored };
    },
    async exportModel(format) {
      const { bundle, fileName, format: written } = await request({ type: 'exportModel', ...(format !== undefined && { format }) }, 'exported');
      return { bundle: new Uint8Array(bundle), fileName, format: written };
    },
    async cellTexts(query, offset, limit) {
      return (await request({ type: 'cellTexts', query, offset, limit }, 'cellTexts')).page;
    },
    async measureBackends(overrides) {
      return (await request({ type: 'measureBackends', overrides }, 'measured')).known;
    },
    async findLabelIssues(overrides, folds, onProgress) {
      return (await request({ type: 'findLabelIssues', overrides, ...(folds !== undefined && { folds }) }, 'labelIssuesFound', [], onProgress)).found;
    },
    cancelLabelIssues() {
      transport().send({ type: 'cancelLabelIssues', id: nextId++ }, []);
    },
    async writeCorrectedCsv(bytes, options, decisions) {
      const buffer = bytes.slice().buffer as ArrayBuffer;
      return (await request({ type: 'writeCorrectedCsv', bytes: buffer, options, decisions }, 'correctedCsvWritten', [buffer])).file;
    },
    async compareFormats() {
      return (await request({ type: 'compareFormats' }, 'formatsCompared')).choices;
    },
    dispose() {
      rejectAll({ code: 'CANCELLED', message: 'The engine was closed.' });
      started?.dispose();
      started = null;
    },
  };
}
