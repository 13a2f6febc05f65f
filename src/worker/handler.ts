/**
 * The worker's brain, kept free of worker globals so tests call it directly in Node: it receives
 * WorkerCommands, calls the engine (src/core) and answers with WorkerEvents through `post`.
 * The trained model and the parsed examples live here; the page only ever sees summaries.
 */
import { exportBundle } from '@/core/bundle/export';
import { bundleFileName } from '@/core/bundle/files';
import { importBundle } from '@/core/bundle/import';
import type { SiftModel } from '@/core/bundle/types';
import { loadDataset } from '@/core/dataset/load';
import type { LoadedDataset } from '@/core/dataset/types';
import { SiftError, serializeError } from '@/core/errors';
import type { BackendName, BackendReport } from '@/core/model/types';
import { Predictor, trainFromExamples, type TrainInput } from '@/core/pipeline';
import type { TrainSettings } from '@/core/settings';
import { describeKnown, probeBackends, type KnownBackend } from './backendProbe';
import { BatchThrottle } from './batchThrottle';
import { assertNever, type ModelSummary, type WorkerCommand, type WorkerEvent } from './protocol';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export interface HandlerOptions {
  /** Clock for throttling progress messages. */
  now?: () => number;
  /** Minimum ms between two batch messages (default 100: ten chart updates a second is plenty). */
  batchIntervalMs?: number;
  /**
   * Makes sure a tfjs backend fit for small predictions is active before a Predictor is built,
   * for an imported model and after training (which may have run on webgl). The worker passes one
   * that prefers wasm.
   */
  preparePrediction?: () => Promise<void>;
}

export interface Handler {
  handle(command: WorkerCommand): Promise<void>;
  /** Frees the predictor's tensors (tests; the worker just gets terminated). */
  dispose(): void;
}

export function createHandler(post: Post, options: HandlerOptions = {}): Handler {
  const now = options.now ?? (() => performance.now());
  let dataset: { loaded: LoadedDataset; fileName: string } | null = null;
  let predictor: Predictor | null = null;
  let training = false;
  let stopRequested = false;
  /** The `auto` choice measured this session (ahead of time or by a run), reused by later runs. */
  let known: KnownBackend | null = null;
  /** A measurement ahead of Train in progress; requests that switch backends wait for it. */
  let probing: Promise<void> | null = null;

  /** Starts measuring in the background; never awaited by the command that asked for it. */
  function startProbe(settings: TrainSettings): void {
    if (!dataset || known || probing || training || predictor || settings.backend !== 'auto') return;
    const { loaded, fileName } = dataset;
    probing = probeBackends(loaded.examples, settings)
      .then((report) => {
        // A new file parsed meanwhile: still this machine's figures, but say which file they came from.
        if (report && !known) known = { report, fileName, at: now() };
      })
      .catch(() => {
        // Measuring ahead is an optimisation only: Train measures again and reports any failure.
      })
      .finally(() => {
        probing = null;
      });
  }

  /** Lets a running measurement finish before something else switches the tfjs backend. */
  async function afterProbe(): Promise<void> {
    while (probing) await probing;
  }

  function useModel(model: SiftModel): ModelSummary {
    const next = Predictor.create(model);
    predictor?.dispose();
    predictor = next;
    return summarizeModel(model);
  }

  async function train(id: number, settings: TrainSettings, name: string): Promise<void> {
    if (!dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before training.');
    if (training) throw new SiftError('TRAINING_FAILED', 'A training run is already in progress.');
    const { loaded, fileName } = dataset;
    const input: TrainInput = {
      examples: loaded.examples,
      fileName,
      textColumn: loaded.columns[loaded.textColumn] ?? 'text',
      labelColumn: loaded.columns[loaded.labelColumn] ?? 'label',
      name,
    };
    training = true;
    stopRequested = false;
    try {
      if (probing && settings.backend === 'auto') post({ type: 'measuring', id });
      await afterProbe();
      const outcome = await trainWithFallback(id, input, settings);
      // The Try box predicts one short text at a time, where wasm beats webgl by far (measured in
      // headless Chromium after training on webgl: p95 392 ms there, 3 ms on wasm, as webgl
      // compiles shaders for each new batch shape), so the model answers from there.
      await options.preparePrediction?.();
      const summary = useModel(outcome.model);
      const bytes = await exportBundle(outcome.model);
      const bundle = ownBuffer(bytes);
      post({ type: 'trained', id, model: summary, bundle }, [bundle]);
    } finally {
      training = false;
    }
  }

  /**
   * WebGL can fail mid-run (context lost, driver trouble). Rather than lose the person's run, say
   * so and train again on wasm, the backend that works everywhere we measured.
   */
  async function trainWithFallback(id: number, input: TrainInput, settings: TrainSettings) {
    let backendInUse: BackendName | null = null;
    // 'auto' with a choice measured earlier: train on it at once, and say when it was measured.
    const reuse = settings.backend === 'auto' ? known : null;
    const reported = (report: BackendReport): BackendReport => {
      if (settings.backend !== 'auto') return report;
      if (!reuse) {
        known = { report, fileName: input.fileName ?? 'this file', at: now() };
        return report;
      }
      // The run's own report says "chosen by you[; path clause]". Its path clause only adds
      // something when this run measured the paths again and took another one.
      const pathClause = report.reason.replace(/^chosen by you;?\s*/, '');
      const otherPath = report.path !== reuse.report.path && pathClause !== report.reason && pathClause !== '';
      const reason = describeKnown(reuse, now()) + (otherPath ? `; this run: ${pathClause}` : '');
      return { ...report, reason, measurements: reuse.report.measurements };
    };
    const first = reuse ? { ...settings, backend: reuse.report.name } : settings;
    const run = (s: TrainSettings) => {
      const throttle = new BatchThrottle({ intervalMs: options.batchIntervalMs ?? 100, smoothing: 0.9, now });
      return trainFromExamples(input, s, {
        onPrepared: (info) => {
          post({ type: 'prepared', id, info });
          // 'auto' with nothing measured yet: trainModel measures the backends now.
          if (s.backend === 'auto') post({ type: 'measuring', id });
        },
        onBackend: (report) => {
          backendInUse = report.name;
          post({ type: 'backend', id, report: s === first ? reported(report) : report });
        },
        onBatch: (log) => {
          const progress = throttle.accept(log);
          if (progress) post({ type: 'batch', id, progress });
        },
        onEpoch: (log) => post({ type: 'epoch', id, log }),
        shouldStop: () => stopRequested,
      });
    };
    try {
      return await run(first);
    } catch (e) {
      if (reuse && backendInUse === null && !stopRequested && !isDataError(e)) {
        // The backend measured earlier no longer starts (a lost WebGL context): measure afresh.
        known = null;
        return run(settings);
      }
      const failedOnWebgl = (backendInUse as BackendName | null) === 'webgl';
      if (!failedOnWebgl || stopRequested || isDataError(e)) throw e;
      const reason = serializeError(e).message;
      post({ type: 'notice', id, message: `WebGL failed during training (${reason}). Training again on wasm.` });
      // Later runs should not pick WebGL again this session.
      known = null;
      return run({ ...settings, backend: 'wasm' });
    }
  }

  async function handle(command: WorkerCommand): Promise<void> {
    try {
      switch (command.type) {
        case 'parse': {
          const id = command.id;
          // loadDataset already sends at most ~1 report per percent: no clock needed here.
          const loaded = loadDataset(new Uint8Array(command.bytes), command.options, {
            onProgress: (progress) => post({ type: 'parseProgress', id, progress }),
          });
          dataset = { loaded, fileName: command.fileName };
          // A measurement ahead of Train on the previous file goes on: the machine is the same.
          const { examples, ...rest } = loaded;
          post({
            type: 'parsed',
            id: command.id,
            dataset: { ...rest, fileName: command.fileName, byteLength: command.bytes.byteLength, exampleCount: examples.length },
          });
          return;
        }
        case 'train':
          await train(command.id, command.settings, command.name);
          return;
        case 'stop':
          // Polled by the training loop between batches; the best weights so far are kept.
          stopRequested = true;
          return;
        case 'measureBackends': {
          startProbe(command.settings);
          await afterProbe();
          const k = known;
          post({ type: 'measured', id: command.id, known: k ? { report: k.report, fileName: k.fileName, msAgo: now() - k.at } : null });
          return;
        }
        case 'explain': {
          if (!predictor) throw new SiftError('NOT_TRAINED', 'Train a model or open one before trying it.');
          // A real clock, not the injectable `now`: this figure is a measurement (the bench reads it).
          const started = performance.now();
          const explanation = predictor.explain(command.text);
          post({ type: 'explained', id: command.id, explanation, workerMs: performance.now() - started });
          return;
        }
        case 'importModel': {
          const model = await importBundle(new Uint8Array(command.bytes));
          await afterProbe();
          if (!training) await options.preparePrediction?.();
          post({ type: 'modelLoaded', id: command.id, model: useModel(model) });
          return;
        }
        default:
          assertNever(command);
      }
    } catch (e) {
      post({ type: 'failed', id: command.id, error: serializeError(e) });
    }
  }

  return {
    handle,
    dispose() {
      predictor?.dispose();
      predictor = null;
    },
  };
}

export function summarizeModel(model: SiftModel): ModelSummary {
  const { vocabulary, ...rest } = model.manifest;
  return { ...rest, vocabularySize: vocabulary.length, bundleFileName: bundleFileName(rest.name) };
}

/** Errors about the person's data or settings: retrying on another backend would not help. */
function isDataError(e: unknown): boolean {
  if (!(e instanceof SiftError)) return false;
  return e.code !== 'TRAINING_FAILED' && e.code !== 'BACKEND_UNAVAILABLE';
}

/** An ArrayBuffer holding exactly these bytes, safe to transfer. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}
