/**
 * One person's working session with the engine, as the training worker holds it: the dataset
 * read last, the current model, what was measured about the backends, and the run in progress.
 * Pure TypeScript, so tests drive it in Node; the worker only routes messages to it.
 *
 * The parsed examples and the model's weights and vocabulary stay here; callers get summaries.
 */
import { fingerprintOf } from './dataset/fingerprint';
import { exportBundle } from './bundle/export';
import { bundleFileName } from './bundle/files';
import { compareWeightFormats } from './bundle/formatChoice';
import { importBundle } from './bundle/import';
import { deserializeModel, isStoredModel, serializeModel } from './bundle/storedModel';
import type { SiftManifest, SiftModel } from './bundle/types';
import type { WeightFormat } from './bundle/weightFormat';
import { loadDataset } from './dataset/load';
import type { LoadProgress } from './dataset/progress';
import type { Example, LoadedDataset, ReadOptions } from './dataset/types';
import { SiftError } from './errors';
import { EvaluatedTexts, type TextListPage, type TextListQuery } from './model/evaluatedTexts';
import type { BackendReport, Explanation, Metrics } from './model/types';
import { CHECKPOINT_THROTTLE, CheckpointWriter, type CheckpointBundle, type CheckpointThrottle } from './checkpoints';
import { modelAsStored } from './modelAsStored';
import { measureBackends, prepareTraining, type PreparedInfo, type PreparedTraining, type PrepareProgress } from './pipeline';
import { Predictor } from './predictor';
import { settingsFor, type TrainSettings } from './settings';
import { trainWithBackendRules, type BackendMemory, type RuleCallbacks } from './backendRules';
import { findLabelIssues, type LabelIssue } from './quality/findLabelIssues';
import { applyLabelDecisions, type LabelDecision } from './quality/labelDecisions';
import type { OutOfFoldProgress } from './quality/outOfFold';

/** What a caller learns about a parsed file: everything but the examples, which stay in the session. */
export interface DatasetSummary extends Omit<LoadedDataset, 'examples'> {
  fileName: string;
  byteLength: number;
  /** Of the file's bytes (dataset/fingerprint.ts): computed here, off the page's thread. */
  fingerprint: string;
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

export interface SessionTrainCallbacks extends Omit<RuleCallbacks, 'shouldStop' | 'onBestEpoch'> {
  /** While the texts are tokenized and encoded (also those of a measurement the run waits for). */
  onPreparing?(progress: PrepareProgress): void;
  /** After split + vocabulary + encoding, before the first batch. */
  onPrepared?(info: PreparedInfo): void;
  /** The best epoch so far as a bundle, throttled (see SessionOptions.checkpointIntervalMs). */
  onCheckpoint?(checkpoint: CheckpointBundle): void;
}

export interface SessionOptions {
  /** How often a run may write a checkpoint (default CHECKPOINT_THROTTLE; see checkpoints.ts). */
  checkpoints?: CheckpointThrottle;
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

/** What "Find label problems" answers: the rows it flags, most suspicious first, and how it went. */
export interface LabelIssuesFound {
  /** Rows checked: every usable example of the file as read. */
  rows: number;
  folds: number;
  seconds: number;
  labels: string[];
  /** The flagged rows, most suspicious (lowest probability of the given label) first. */
  issues: LabelIssue[];
}

/** One weight format a trained model can be exported in: the file's size and its validation metrics as read back. */
export interface WeightFormatChoice {
  format: WeightFormat;
  bytes: number;
  metrics: Metrics | null;
}

/** The current model as NAME.sift.zip bytes, in the weight format it was written in. */
export interface ExportedBundle {
  bundle: Uint8Array;
  fileName: string;
  format: WeightFormat;
}

/**
 * What the session keeps of a model trained in it to export other weight formats: the calibrated
 * float32 weights before storing, the validation split and golden.json's texts. A model opened
 * from a file has none (its file holds one format only).
 */
interface TrainedFormats {
  float32: SiftModel;
  validation: readonly Example[];
  goldenTexts: readonly string[];
  /** The bundles made so far, by format (the trained format's from the start). */
  bundles: Map<WeightFormat, Uint8Array>;
}

export interface LabelIssuesCallbacks {
  onBackend?(report: BackendReport): void;
  onProgress?(progress: OutOfFoldProgress): void;
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
  /** "Find label problems" is running; it and training never run at once (both drive the backend). */
  private finding = false;
  private findCancelled = false;
  private readonly memory: BackendMemory = { known: null };
  /** A measurement ahead of Train in progress; anything that switches backends waits for it. */
  private probing: Promise<void> | null = null;
  /** The last run's preparation, reused when the next run has the same data and settings. */
  private prepared: PreparedTraining | null = null;
  /**
   * The current model's validation texts with its probabilities for them, for the texts behind
   * the confusion matrix; null for a model opened from a file (a bundle carries no texts).
   */
  private evaluated: EvaluatedTexts | null = null;
  /** The label decisions `prepared` was made with (JSON). */
  private preparedDecisions = '[]';
  /** For the current model when trained here: what exporting it in another weight format needs. */
  private formats: TrainedFormats | null = null;
  /** Why WebGL failed, as the worker heard it (webglLost) during the run in progress; else null. */
  private webglFailure: string | null = null;

  /** Told how preparing goes: the run waiting for it (also for a measurement's preparing). */
  private preparingListener: ((progress: PrepareProgress) => void) | null = null;

  /** @param now the clock for "measured N s before this run" and for throttling checkpoints */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly options: SessionOptions = {},
  ) {}

  /**
   * Reads a file; the previous dataset stays if this one cannot be read (the error is thrown).
   * `onDecoded`: the bytes are no longer read (an owner may free them: see LoadHooks).
   */
  load(bytes: Uint8Array, options: ReadOptions, fileName: string, onProgress?: (progress: LoadProgress) => void, onDecoded?: () => void): DatasetSummary {
    const byteLength = bytes.byteLength;
    // Before loading: `onDecoded` may let the bytes go.
    const fingerprint = fingerprintOf(bytes);
    const loaded = loadDataset(bytes, options, { onProgress, onDecoded });
    this.dataset = { loaded, fileName };
    this.prepared = null;
    const { examples, ...rest } = loaded;
    return { ...rest, fileName, byteLength, fingerprint, exampleCount: examples.length };
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
    if (!this.memory.known && !this.probing && !this.training && !this.finding && this.dataset) {
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

  private prepare(settings: TrainSettings, name: string | null, decisions: readonly LabelDecision[] = []): PreparedTraining {
    const dataset = this.dataset;
    if (!dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before training.');
    // Measuring ahead prepared this data already: preparing THUCNews again would cost seconds.
    const decisionsKey = JSON.stringify(decisions);
    const reusable = this.prepared && this.preparedDecisions === decisionsKey && preparesTheSame(this.prepared.settings, settings) ? this.prepared : null;
    const { loaded, fileName } = dataset;
    const input = {
      // The person's label decisions (relabel, drop) apply to what is trained on, not to the file.
      examples: decisions.length > 0 ? applyLabelDecisions(loaded.examples, decisions).examples : loaded.examples,
      fileName,
      textColumn: loaded.columns[loaded.textColumn] ?? 'text',
      labelColumn: loaded.columns[loaded.labelColumn] ?? 'label',
      ...(name !== null && { name }),
    };
    this.prepared = reusable
      ? { ...reusable, input, settings, shape: { ...reusable.shape, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits }, startedAt: performance.now() }
      : prepareTraining(input, settings, (progress) => this.preparingListener?.(progress));
    this.preparedDecisions = decisionsKey;
    return this.prepared;
  }

  /**
   * Trains on the current dataset with settingsFor(report, overrides), under the backend rules
   * (backendRules.ts), makes the result the current model and exports its bundle. `decisions`
   * (from "Find label problems") relabel or drop examples first; the settings still come from the
   * report of the file as read, the one the page shows, so the form and the run agree.
   * @throws SiftError NO_EXAMPLES without a dataset, TRAINING_FAILED while another run (or a
   *   search for label problems) goes on
   */
  async train(overrides: Partial<TrainSettings>, name: string, callbacks: SessionTrainCallbacks = {}, decisions: readonly LabelDecision[] = []): Promise<TrainedModel> {
    if (!this.dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before training.');
    if (this.training) throw new SiftError('TRAINING_FAILED', 'A training run is already in progress.');
    if (this.finding) throw new SiftError('TRAINING_FAILED', 'Label problems are being looked for: train when that has finished or been cancelled.');
    this.training = true;
    this.stopRequested = false;
    this.preparingListener = callbacks.onPreparing ?? null;
    this.webglFailure = null;
    try {
      const settings = this.settings(overrides);
      if (this.probing && settings.backend === 'auto') callbacks.onMeasuring?.();
      await this.afterProbe();
      const prepared = this.prepare(settings, name, decisions);
      this.preparingListener = null;
      callbacks.onPrepared?.(prepared.info);
      const checkpoints = callbacks.onCheckpoint
        ? new CheckpointWriter(prepared, { ...(this.options.checkpoints ?? CHECKPOINT_THROTTLE), now: this.now, onCheckpoint: callbacks.onCheckpoint })
        : null;
      const outcome = await trainWithBackendRules(
        prepared,
        this.memory,
        {
          ...callbacks,
          shouldStop: () => this.stopRequested,
          backendFault: () => this.webglFailure,
          onBackend: (report) => {
            checkpoints?.started(report);
            callbacks.onBackend?.(report);
          },
          onEpoch: (log) => {
            callbacks.onEpoch?.(log);
            checkpoints?.epochEnded();
          },
          onBestEpoch: (epoch, weights, history) => checkpoints?.best(epoch, weights, history),
        },
        this.now,
      );
      // No checkpoint may arrive after the run's result.
      await checkpoints?.settled();
      const model = this.use(outcome.model);
      const probabilities = outcome.validationProbabilities;
      this.evaluated = probabilities ? new EvaluatedTexts(prepared.split.validation, probabilities, outcome.model.manifest.labels) : null;
      this.formats = {
        float32: { manifest: outcome.model.manifest, weights: outcome.float32Weights },
        validation: prepared.split.validation,
        goldenTexts: outcome.goldenTexts,
        bundles: new Map(),
      };
      return { model, stored: serializeModel(outcome.model) };
    } finally {
      this.training = false;
      this.preparingListener = null;
    }
  }

  /** Asks the run in progress to stop after its current batch; the best weights so far are kept. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * "Find label problems" on the current dataset as read (every usable row, the labels the file
   * gives; decisions are not applied, so the findings always name the file's rows and labels):
   * k-fold out-of-fold probabilities with the settings a Train would use now, then confident
   * learning (src/core/quality/). Reuses the backend measured this session, as Train does.
   * @throws SiftError NO_EXAMPLES without a dataset, TRAINING_FAILED while training runs or
   *   another search goes on, CANCELLED after cancelLabelIssues, and what the search throws
   */
  async findLabelIssues(overrides: Partial<TrainSettings>, folds: number | undefined, callbacks: LabelIssuesCallbacks = {}): Promise<LabelIssuesFound> {
    const dataset = this.dataset;
    if (!dataset) throw new SiftError('NO_EXAMPLES', 'Load a dataset before looking for label problems.');
    if (this.training) throw new SiftError('TRAINING_FAILED', 'A training run is in progress: look for label problems when it has finished.');
    if (this.finding) throw new SiftError('TRAINING_FAILED', 'Label problems are already being looked for.');
    this.finding = true;
    this.findCancelled = false;
    try {
      await this.afterProbe();
      const settings = this.settings(overrides);
      const known = this.memory.known;
      const run = settings.backend === 'auto' && known ? { ...settings, backend: known.report.name } : settings;
      const report = await findLabelIssues(dataset.loaded.examples, run, { folds, seed: settings.seed }, { ...callbacks, shouldStop: () => this.findCancelled });
      return { rows: report.ranked.length, folds: report.folds.length, seconds: report.seconds, labels: report.labels, issues: report.flagged };
    } finally {
      this.finding = false;
    }
  }

  /** Ends a search for label problems after its current batch (it then fails with CANCELLED). */
  cancelLabelIssues(): void {
    this.findCancelled = true;
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
   * One page of the current model's validation texts behind a cell of the confusion matrix (or of
   * all its mistakes); null when this session holds none for the model: it was opened from a file,
   * or it was trained without a validation split.
   */
  cellTexts(query: TextListQuery, offset: number, limit: number): TextListPage | null {
    if (!this.predictor) throw new SiftError('NOT_TRAINED', 'Train a model or open one before listing its texts.');
    return this.evaluated?.page(query, offset, limit) ?? null;
  }

  /**
   * Each weight format the current model can be exported in, with the file's size and the
   * validation metrics of the model as read back from it (compareWeightFormats): asked for by the
   * page when a person exports, not after every run. Null for a model opened from a file or kept
   * from an earlier visit, which holds only the format it was saved in.
   */
  async compareFormats(): Promise<WeightFormatChoice[] | null> {
    const formats = this.formats;
    if (!this.current) throw new SiftError('NOT_TRAINED', 'Train a model or open one before exporting it.');
    if (formats === null) return null;
    // Zipping makes tensors to encode the weights: not while a measurement switches backends.
    await this.afterProbe();
    const outcomes = await compareWeightFormats(formats.float32, { validation: { examples: formats.validation }, test: null }, formats.goldenTexts);
    for (const o of outcomes) if (!formats.bundles.has(o.format)) formats.bundles.set(o.format, o.bundle);
    return outcomes.map(({ format, bytes, metrics }) => ({ format, bytes, metrics }));
  }

  /**
   * Opens a model and makes it the current one: a NAME.sift.zip (answered with its stored form,
   * for the page to keep) or bytes of that stored form (a reload; checked the same way, only
   * cheaper: nothing to inflate). An opened model has no validation texts to list.
   */
  async importModel(bytes: Uint8Array): Promise<HeldModel> {
    this.evaluated = null;
    if (isStoredModel(bytes)) return { model: this.use(deserializeModel(bytes)), stored: null };
    // tf.loadLayersModel needs a backend that a measurement is not switching under it.
    await this.afterProbe();
    const model = await importBundle(bytes);
    return { model: this.use(model), stored: serializeModel(model) };
  }

  /**
   * The current model as NAME.sift.zip bytes, for the person to take home: in its own weight
   * format (the one it was trained to be stored in) by default; in another, for a model trained
   * here, the model as that format stores it, with that format's metrics and top words in
   * sift.json (modelAsStored).
   * @throws SiftError NOT_TRAINED without a model, INVALID_OPTION for another format of a model
   *   opened from a file or kept from an earlier visit
   */
  async exportModel(format?: WeightFormat): Promise<ExportedBundle> {
    const current = this.current;
    if (!current) throw new SiftError('NOT_TRAINED', 'Train a model or open one before exporting it.');
    const fileName = bundleFileName(current.manifest.name);
    const own = current.manifest.settings.weights;
    const wanted = format ?? own;
    const formats = this.formats;
    const cached = formats?.bundles.get(wanted);
    if (cached) return { format: wanted, fileName, bundle: cached };
    if (wanted !== own && formats === null) {
      throw new SiftError('INVALID_OPTION', `This model's file holds ${own} weights; its other weight formats are known only right after training it.`);
    }
    // Zipping makes tensors to encode the weights: not while a measurement switches backends.
    await this.afterProbe();
    const model = wanted === own || formats === null ? current : modelAsStored(formats.float32, wanted, { validation: { examples: formats.validation }, test: null }).model;
    const bundle = await exportBundle(model, { goldenTexts: formats?.goldenTexts });
    formats?.bundles.set(wanted, bundle);
    return { format: wanted, fileName, bundle };
  }

  private use(model: SiftModel): ModelSummary {
    this.predictor = Predictor.create(model);
    this.current = model;
    this.formats = null; // train() sets them again for the model it trained
    return summarizeModel(model);
  }
}

/** Settings that shape the split, the vocabulary and the encoding: equal ones prepare the same data. */
const PREPARING_KEYS = ['validationShare', 'seed', 'vocabularySize', 'minCount', 'lowercase', 'wordBigrams', 'cjkCharNgrams', 'sequenceLength'] as const;

function preparesTheSame(a: TrainSettings, b: TrainSettings): boolean {
  return PREPARING_KEYS.every((key) => a[key] === b[key]);
}
