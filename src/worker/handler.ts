/**
 * The worker's router, kept free of worker globals so tests call it directly in Node: each
 * WorkerCommand goes to the engine session (src/core/session.ts) and its results and progress go
 * back as WorkerEvents through `post`. The rules (settings, backends, fallbacks) live in core.
 */
import type { CheckpointThrottle } from '@/core/checkpoints';
import { writeCorrectedCsv } from '@/core/dataset/correctedCsv';
import { toAppError } from '@/core/errors';
import { EngineSession } from '@/core/session';
import { BatchThrottle } from './batchThrottle';
import { ownBuffer } from './ownBuffer';
import { assertNever, type WorkerCommand, type WorkerEvent } from './protocol';
import { webglLossWatch } from './webglLossWatch';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export interface HandlerOptions {
  /** Clock for throttling progress messages and for "measured N s before this run". */
  now?: () => number;
  /** Minimum ms between two batch messages (default 100: ten chart updates a second is plenty). */
  batchIntervalMs?: number;
  /** How often a run may write a checkpoint (default: the session's, CHECKPOINT_THROTTLE). */
  checkpoints?: CheckpointThrottle;
}

export interface Handler {
  handle(command: WorkerCommand): Promise<void>;
}

export function createHandler(post: Post, options: HandlerOptions = {}): Handler {
  const now = options.now ?? (() => performance.now());
  const session = new EngineSession(now, { checkpoints: options.checkpoints });
  const watchWebgl = webglLossWatch((reason) => session.webglLost(reason));

  async function train(id: number, command: Extract<WorkerCommand, { type: 'train' }>): Promise<void> {
    const newThrottle = () => new BatchThrottle({ intervalMs: options.batchIntervalMs ?? 100, smoothing: 0.9, now });
    let throttle = newThrottle();
    const trained = await session.train(command.overrides, command.name, {
      onPreparing: (progress) => post({ type: 'preparing', id, progress }),
      onPrepared: (info) => post({ type: 'prepared', id, info }),
      onCheckpoint: ({ epoch, bundle, createdAt, exportMs }) => {
        const buffer = ownBuffer(bundle);
        post({ type: 'checkpoint', id, epoch, bundle: buffer, createdAt, exportMs }, [buffer]);
      },
      onMeasuring: () => post({ type: 'measuring', id }),
      onBackend: (report) => {
        if (report.name === 'webgl') watchWebgl();
        // After a fallback the curves go on from the kept epochs: their smoothing starts afresh.
        throttle = newThrottle();
        post({ type: 'backend', id, report });
      },
      onBatch: (log) => {
        const progress = throttle.accept(log);
        if (progress) post({ type: 'batch', id, progress });
      },
      onEpoch: (log) => post({ type: 'epoch', id, log }),
      onFallback: (fallback) => post({ type: 'fallback', id, fallback }),
    }, command.decisions);
    const stored = ownBuffer(trained.stored);
    post({ type: 'trained', id, model: trained.model, stored }, [stored]);
  }

  async function findLabelIssues(id: number, command: Extract<WorkerCommand, { type: 'findLabelIssues' }>): Promise<void> {
    const interval = options.batchIntervalMs ?? 100;
    let lastSent = -Infinity;
    const found = await session.findLabelIssues(command.overrides, command.folds, {
      onBackend: (report) => post({ type: 'backend', id, report }),
      onProgress: (progress) => {
        // Throttled like batches, but the end of each fold always goes through.
        const t = now();
        if (progress.epoch !== 0 && t - lastSent < interval) return;
        lastSent = t;
        post({ type: 'labelIssuesProgress', id, progress });
      },
    });
    post({ type: 'labelIssuesFound', id, found });
  }

  async function handle(command: WorkerCommand): Promise<void> {
    const id = command.id;
    try {
      switch (command.type) {
        case 'parse': {
          // loadDataset already sends at most ~1 report per percent: no throttle needed here.
          // The bytes were transferred to this thread for this read alone: once decoded, they are let go.
          const dataset = session.load(new Uint8Array(command.bytes), command.options, command.fileName, (progress) => post({ type: 'parseProgress', id, progress }), () => release(command.bytes));
          post({ type: 'parsed', id, dataset });
          return;
        }
        case 'train':
          await train(id, command);
          return;
        case 'stop':
          session.stop();
          return;
        case 'measureBackends':
          post({ type: 'measured', id, known: await session.measureAhead(command.overrides) });
          watchWebgl();
          return;
        case 'explain':
          post({ type: 'explained', id, ...session.explain(command.text) });
          return;
        case 'cellTexts':
          post({ type: 'cellTexts', id, page: session.cellTexts(command.query, command.offset, command.limit) });
          return;
        case 'findLabelIssues':
          await findLabelIssues(id, command);
          return;
        case 'cancelLabelIssues':
          session.cancelLabelIssues();
          return;
        case 'writeCorrectedCsv': {
          const { bytes, ...file } = writeCorrectedCsv(new Uint8Array(command.bytes), command.options, command.decisions);
          const buffer = ownBuffer(bytes);
          post({ type: 'correctedCsvWritten', id, file: { ...file, bytes: buffer } }, [buffer]);
          return;
        }
        case 'importModel': {
          const opened = await session.importModel(new Uint8Array(command.bytes));
          const stored = opened.stored ? ownBuffer(opened.stored) : null;
          post({ type: 'modelLoaded', id, model: opened.model, stored }, stored ? [stored] : []);
          return;
        }
        case 'compareFormats':
          post({ type: 'formatsCompared', id, choices: await session.compareFormats() });
          return;
        case 'exportModel': {
          const exported = await session.exportModel(command.format);
          // A copy: the session keeps the bytes for the next download.
          const bundle = exported.bundle.slice().buffer as ArrayBuffer;
          post({ type: 'exported', id, bundle, fileName: exported.fileName, format: exported.format }, [bundle]);
          return;
        }
        default:
          assertNever(command);
      }
    } catch (e) {
      post({ type: 'failed', id, error: toAppError(e) });
    }
  }

  return { handle };
}

/**
 * Frees a buffer this thread owns while references to it remain (the command, the caller's
 * locals): transferring it detaches it, and the copy that received it is dropped at once.
 */
function release(buffer: ArrayBuffer): void {
  structuredClone(buffer, { transfer: [buffer] });
}
