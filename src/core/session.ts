/**
 * One person's working session with the engine, as the training worker holds it: the dataset
 * read last, the current model, what was measured about the backends, and the run in progress.
 * Pure TypeScript, so tests drive it in Node; the worker only routes messages to it.
 *
 * The parsed examples and the model's weights and vocabulary stay here; callers get summaries.
 */
import { exportBundle } from './bundle/export';
import { bundleFileName } from './bundle/files';
import { importBundle } from './bundle/import';
import { deserializeModel, isStoredModel, serializeModel } from './bundle/storedModel';
import type { SiftManifest, SiftModel } from './bundle/types';
import { loadDataset } from './dataset/load';
import type { LoadProgress } from './dataset/progress';
import type { LoadedDataset, ReadOptions } from './dataset/types';
import { SiftError } from './errors';
import type { BackendReport, Explanation } from './model/types';
import { measureBackends, prepareTraining, type PreparedInfo, type PreparedTraining } from './pipeline';
import { Predictor } from './predictor';
import { settingsFor, type TrainSettings } from './settings';
import { trainWithBackendRules, type BackendMemory, type RuleCallbacks } from './backendRules';

/** What a caller learns about a parsed file: everything but the examples, which stay in the session. */
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

/** The `auto` choice measured ahead of Train, on which file, and how many ms before it was asked for. */
export interface MeasuredBackend {
  report: BackendReport;
  fileName: string;
  msAgo: number;
}

export interface SessionTrainCallbacks extends Omit<RuleCallbacks, 'shouldStop'> {
  /** After split + vocabulary + encoding, before the first batch. */
  onPrepared?(info: PreparedInfo): void;
}

/**
 * A model the session now holds. `stored`: the checked, parsed model as one buffer
 * (bundle/storedModel.ts), what the page keeps between visits so that a reload never inflates a
 * zip again; null when the model was opened from those very bytes (the caller has them).
 */
export interface HeldModel {
  model: ModelSummary;
  stored: Uint8Array | null;
}

export interface TrainedModel extends HeldModel {
  stored: Uint8Array;
}

function summarizeModel(model: SiftModel): ModelSummary {
  const { vocabulary, ...rest } = model.manifest;
  return { ...rest, vocabularySize: vocabulary.length, bundleFileName: bundleFileName(rest.name) };
}

export class EngineSession {
  private dataset: { loaded: LoadedDataset; fileName: string } | null = null;
  private predictor: Predictor | null = null;
  /** The model the predictor runs, kept to export it on request. */
  private current: SiftModel | null = null;
  private training = false;
  private stopRequested = false;
  private readonly memory: BackendMemory = { known: null };
  /** A measurement ahead of Train in progress; anything that switches backends waits for it. */
  private probing: Promise<void> | null = null;
  /** The last run's preparation, reused when the next run has the same data and settings. */
  private prepared: PreparedTraining | null = null;
  /** Why WebGL failed, as the worker heard it (webglLost) during the run in progress; else null. */
  private webglFailure: string | null = null;

  /** @param now the clock for "measured N s before this run" */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Reads a file; the previous dataset stays if this one cannot be read (the error is thrown). */
  load(bytes: Uint8Array, options: ReadOptions, fileName: string, onProgress?: (progress: LoadProgress) => void): DatasetSummary {
    const loaded = loadDataset(bytes, options, { onProgress });
    this.dataset = { loaded, fileName };
    this.prepared = null;
    const { examples, ...rest } = loaded;
    return { ...rest, fileName, byteLength: bytes.byteLength, exampleCount: examples.length };
  }

  /** The settings a run on the current dataset would use: the one rule, settingsFor. */
  settings(overrides: Partial<TrainSettings>): TrainSettings {
    return settingsFor(this.dataset?.loaded.report ?? null, overrides);
  }

  /**
   * Measures the backends for `auto` now, in idle time, so that Train starts at once; answers the
   * choice known this session (measured now or earlier), or null where there is nothing to
   * measure (no dataset, a run going, a named backend, too few labels).
   */
  async measureAhead(overrides: Partial<TrainSettings>): Promise<MeasuredBackend | null> {
    if (!this.memory.known && !this.probing && !this.training && this.dataset) {
      const settings = this.settings(overrides);
      if (settings.backend === 'auto') {
        const fileName = this.dataset.fileName;
        this.probing = this.probe(settings, fileName).finally(() => {
          this.probing = null;
        });
      }
    }
    await this.afterProbe();
    const known = this.memory.known;
    return known ? { report: known.report, fileName: known.fileName, msAgo: this.now() - known.at } : null;
  }

  private async probe(settings: TrainSettings, fileName: string): Promise<void> {
    let prepared: PreparedTraining;
    try {
      prepared = this.prepare(settings, null);
    } catch {
      return; // data that cannot be trained on: Train will say why
    }
    try {
      const report = await measureBackends(prepared);
      // A new file read meanwhile: still this machine's figures, but say which file they came from.
      if (!this.memory.known) this.memory.known = { report, fileName, at: this.now() };
    } catch {
      // Measuring ahead is an optimisation only: Train measures again and reports any failure.
    }
  }

  /** Lets a running measurement finish before something else switches the tfjs backend. */
  private async afterProbe(): Promise<void> {
    while (this.probing) await this.probing;
  }

  private prepare(settings: TrainSettings, name: string | null): PreparedTraining {
    const dataset = this.dataset;
    if (!dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before training.');
    // Measuring ahead prepared this data already: preparing THUCNews again would cost seconds.
    const reusable = this.prepared && preparesTheSame(this.prepared.settings, settings) ? this.prepared : null;
    const { loaded, fileName } = dataset;
    const input = {
      examples: loaded.examples,
      fileName,
      textColumn: loaded.columns[loaded.textColumn] ?? 'text',
      labelColumn: loaded.columns[loaded.labelColumn] ?? 'label',
      ...(name !== null && { name }),
    };
    this.prepared = reusable
      ? { ...reusable, input, settings, shape: { ...reusable.shape, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits }, startedAt: performance.now() }
      : prepareTraining(input, settings);
    return this.prepared;
  }

  /**
   * Trains on the current dataset with settingsFor(report, overrides), under the backend rules
   * (backendRules.ts), makes the result the current model and exports its bundle.
   * @throws SiftError NO_EXAMPLES without a dataset, TRAINING_FAILED while another run goes on
   */
  async train(overrides: Partial<TrainSettings>, name: string, callbacks: SessionTrainCallbacks = {}): Promise<TrainedModel> {
    if (!this.dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before training.');
    if (this.training) throw new SiftError('TRAINING_FAILED', 'A training run is already in progress.');
    this.training = true;
    this.stopRequested = false;
    this.webglFailure = null;
    try {
      const settings = this.settings(overrides);
      if (this.probing && settings.backend === 'auto') callbacks.onMeasuring?.();
      await this.afterProbe();
      const prepared = this.prepare(settings, name);
      callbacks.onPrepared?.(prepared.info);
      const outcome = await trainWithBackendRules(
        prepared,
        this.memory,
        { ...callbacks, shouldStop: () => this.stopRequested, backendFault: () => this.webglFailure },
        this.now,
      );
      const model = this.use(outcome.model);
      return { model, stored: serializeModel(outcome.model) };
    } finally {
      this.training = false;
    }
  }

  /** Asks the run in progress to stop after its current batch; the best weights so far are kept. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * The WebGL context was lost (the worker hears the canvas's event): a run on webgl moves to
   * wasm from its last good epoch (backendRules.ts), and no later run reuses a webgl measurement.
   */
  webglLost(reason: string): void {
    if (this.training) this.webglFailure = reason;
    if (this.memory.known?.report.name === 'webgl') this.memory.known = null;
  }

  /** The current model's prediction for `text` and why, with the time it took in ms. */
  explain(text: string): { explanation: Explanation; workerMs: number } {
    if (!this.predictor) throw new SiftError('NOT_TRAINED', 'Train a model or open one before trying it.');
    // A real clock, not the injectable `now`: this figure is a measurement (the bench reads it).
    const started = performance.now();
    const explanation = this.predictor.explain(text);
    return { explanation, workerMs: performance.now() - started };
  }

  /**
   * Opens a model and makes it the current one: a NAME.sift.zip (answered with its stored form,
   * for the page to keep) or bytes of that stored form (a reload; checked the same way, only
   * cheaper: nothing to inflate).
   */
  async importModel(bytes: Uint8Array): Promise<HeldModel> {
    if (isStoredModel(bytes)) return { model: this.use(deserializeModel(bytes)), stored: null };
    // tf.loadLayersModel needs a backend that a measurement is not switching under it.
    await this.afterProbe();
    const model = await importBundle(bytes);
    return { model: this.use(model), stored: serializeModel(model) };
  }

  /** The current model as NAME.sift.zip bytes, for the person to take home. */
  async exportModel(): Promise<{ bundle: Uint8Array; fileName: string }> {
    if (!this.current) throw new SiftError('NOT_TRAINED', 'Train a model or open one before exporting it.');
    // Zipping makes tensors to encode the weights: not while a measurement switches backends.
    await this.afterProbe();
    return { bundle: await exportBundle(this.current), fileName: bundleFileName(this.current.manifest.name) };
  }

  private use(model: SiftModel): ModelSummary {
    this.predictor = Predictor.create(model);
    this.current = model;
    return summarizeModel(model);
  }
}

/** Settings that shape the split, the vocabulary and the encoding: equal ones prepare the same data. */
const PREPARING_KEYS = ['validationShare', 'seed', 'vocabularySize', 'minCount', 'lowercase', 'wordBigrams', 'cjkCharNgrams', 'sequenceLength'] as const;

function preparesTheSame(a: TrainSettings, b: TrainSettings): boolean {
  return PREPARING_KEYS.every((key) => a[key] === b[key]);
}
