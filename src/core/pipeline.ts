/**
 * The engine's front door: from labelled examples and settings to a trained SiftModel, in steps a
 * caller can take one at a time (the worker measures backends between preparing and training):
 *   prepareTraining → (measureBackends) → trainPrepared;   trainFromExamples does all three.
 * The CLI and the training worker both train only through here, so both behave identically.
 */
import { chooseGoldenTexts } from './bundle/golden';
import type { SiftManifest, SiftModel } from './bundle/types';
import { BUNDLE_FORMAT_VERSION } from './bundle/types';
import { storedWeights } from './bundle/weightFormat';
import { splitDataset } from './dataset/split';
import type { Example, Split } from './dataset/types';
import { ProgressReporter } from './dataset/progress';
import { SiftError } from './errors';
import { calibrateOnValidation } from './model/calibrate';
import { trainModel, type TrainOptions } from './model/train';
import { chooseBackendAndPath } from './model/trainingPath';
import type { BackendChoice, BackendReport, EpochLog, Metrics, ModelShape, ModelWeights, TrainCallbacks, TrainData, TrainingPath, TrainResult } from './model/types';
import { modelAsStored } from './modelAsStored';
import { tokenizerConfigOf, type TrainSettings } from './settings';
import { buildCorpora, type Corpora, type CorpusBuilder, type CorpusProgress, type CorpusRequest, type LabelledTexts } from './text/corpora';
import { checkCorpusOptions } from './text/trainingCorpus';
import type { TokenizerConfig, Vocabulary } from './text/types';
import { SIFT_VERSION } from './version';

export interface TrainInput {
  examples: readonly Example[];
  /** Optional separate test file's examples (evaluated after training, never trained on). */
  test?: readonly Example[];
  /** The file's name; a path is cut to its last part (a bundle never names the person's folders). */
  fileName: string | null;
  textColumn: string;
  labelColumn: string;
  /** Model name used in the bundle; defaults to the file name without extension. */
  name?: string;
}

/** What a run trains on, known before the first batch (the page shows it while training starts). */
export interface PreparedInfo {
  labels: string[];
  vocabularySize: number;
  trainExamples: number;
  validationExamples: number;
}

/** Where preparing is: reading the training texts into the vocabulary, then encoding the validation texts. */
export type PrepareStage = 'tokenizing' | 'encoding';

export interface PrepareProgress {
  stage: PrepareStage;
  /** Of the whole preparation, 0..1; never decreases (about a hundred reports per run). */
  fraction: number;
}

/**
 * Share of the bar each stage ends at, measured on 20 Newsgroups (Node, 2 cores, CPU time):
 * reading the training texts into the vocabulary 9.5 s, encoding the validation tenth 0.7 s.
 */
const PREPARE_STAGE_ENDS: Record<PrepareStage, number> = { tokenizing: 0.92, encoding: 1 };

/** Examples split, tokenized and encoded with a vocabulary built from the training split only. */
export interface PreparedTraining {
  input: TrainInput;
  settings: TrainSettings;
  info: PreparedInfo;
  split: Split;
  tokenizer: TokenizerConfig;
  vocabulary: Vocabulary;
  data: TrainData;
  shape: ModelShape;
  /** performance.now() when preparing began: fitSeconds counts from here. */
  startedAt: number;
}

export interface TrainOutcome {
  /**
   * The model as its file stores it (settings.weights): weights rounded through that format, and
   * its top words and metrics measured on them. Export it with exportBundle: the file gives back
   * these very weights.
   */
  model: SiftModel;
  /**
   * The calibrated weights before storing: the page keeps them to offer the other formats at
   * export (modelAsStored(…, format, …)). Equal to model.weights for float32.
   */
  float32Weights: ModelWeights;
  /** Validation texts for the bundle's golden.json (chooseGoldenTexts): none holds personal data that masking finds. */
  goldenTexts: string[];
  /** The validation split's examples, in the order of `validationProbabilities`. */
  validationExamples: readonly Example[];
  validation: Metrics | null;
  test: Metrics | null;
  /**
   * The (calibrated) model's probabilities for the validation split, [validationExamples ×
   * numClasses] in the order of `split.validation`; null without a validation split. The session
   * keeps them to list the texts behind each cell of the confusion matrix.
   */
  validationProbabilities: Float32Array | null;
  /**
   * Seconds from the examples to the trained model: splitting, tokenizing, the vocabulary and
   * training with its per-epoch validation; not the final metrics on validation and test. What
   * scikit-learn's `fit` would time, so the benchmark compares like with like.
   */
  fitSeconds: number;
}

/** Where a run trains: a backend (or `auto`) and, optionally, a forced training path. */
export interface RunTarget {
  backend: BackendChoice;
  path?: TrainingPath;
}

/** Sorted distinct labels: the class index of a label is its position here. */
export function labelsOf(examples: readonly Example[]): string[] {
  return [...new Set(examples.map((e) => e.label))].sort();
}

/**
 * Splits (stratified, seeded), builds the vocabulary from the training split and encodes both
 * parts. Tokenizes each training text once, in this thread.
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, INVALID_OPTION
 */
export function prepareTraining(input: TrainInput, settings: TrainSettings, onProgress?: (progress: PrepareProgress) => void): PreparedTraining {
  const preparing = beginPreparing(input, settings, onProgress);
  return assemblePrepared(preparing, buildCorpora(preparing.request, progressOf(preparing)));
}

/**
 * `prepareTraining`, with the corpora built by `builder` (on other threads too: the CLI's): the
 * same prepared run, sooner where there are cores to spare.
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, INVALID_OPTION
 */
export async function prepareTrainingWith(
  builder: CorpusBuilder,
  input: TrainInput,
  settings: TrainSettings,
  onProgress?: (progress: PrepareProgress) => void,
): Promise<PreparedTraining> {
  const preparing = beginPreparing(input, settings, onProgress);
  return assemblePrepared(preparing, await builder.build(preparing.request, progressOf(preparing)));
}

/** What preparing knows before the texts are read. */
interface Preparing {
  input: TrainInput;
  settings: TrainSettings;
  startedAt: number;
  progress: ProgressReporter<PrepareStage>;
  labels: string[];
  split: Split;
  request: CorpusRequest;
}

/** Checks, labels and the split. @throws SiftError NO_EXAMPLES, SINGLE_CLASS, INVALID_OPTION */
function beginPreparing(input: TrainInput, settings: TrainSettings, onProgress?: (progress: PrepareProgress) => void): Preparing {
  const startedAt = performance.now();
  const progress = new ProgressReporter<PrepareStage>(onProgress, PREPARE_STAGE_ENDS);
  const labels = labelsOf(input.examples);
  if (input.examples.length === 0) throw new SiftError('NO_EXAMPLES', 'There are no usable examples to train on.');
  if (labels.length < 2) {
    throw new SiftError('SINGLE_CLASS', `Every example has the label "${labels[0]}"; a classifier needs at least two classes.`);
  }
  const vocabulary = { maxSize: settings.vocabularySize, minCount: settings.minCount };
  checkCorpusOptions(vocabulary, settings.sequenceLength);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const split = splitDataset(input.examples, { validationShare: settings.validationShare, seed: settings.seed });
  const request: CorpusRequest = {
    train: labelledTexts(split.train, labelIndex),
    validation: split.validation.length > 0 ? labelledTexts(split.validation, labelIndex) : null,
    config: tokenizerConfigOf(settings),
    vocabulary,
    sequenceLength: settings.sequenceLength,
  };
  return { input, settings, startedAt, progress, labels, split, request };
}

/**
 * The examples' texts and class indices. A plain loop: `Int32Array.from` with a mapping function
 * took 0.13 s for 900,000 examples (a call per element through the iterator protocol), the loop ~0.02 s.
 */
function labelledTexts(examples: readonly Example[], labelIndex: ReadonlyMap<string, number>): LabelledTexts {
  const texts = new Array<string>(examples.length);
  const labels = new Int32Array(examples.length);
  for (let i = 0; i < examples.length; i++) {
    texts[i] = examples[i].text;
    labels[i] = labelIndex.get(examples[i].label) ?? -1;
  }
  return { texts, labels };
}

function progressOf({ progress }: Preparing): CorpusProgress {
  return { onTokenizing: progress.stage('tokenizing'), onEncoding: progress.stage('encoding') };
}

function assemblePrepared(preparing: Preparing, { vocabulary, train, validation }: Corpora): PreparedTraining {
  const { input, settings, split, progress, labels } = preparing;
  progress.report('encoding', 1);
  return {
    input,
    settings,
    info: { labels, vocabularySize: vocabulary.tokens.length, trainExamples: split.train.length, validationExamples: split.validation.length },
    split,
    tokenizer: preparing.request.config,
    vocabulary,
    data: { train, validation },
    shape: { vocabSize: vocabulary.tokens.length, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits, numClasses: labels.length },
    startedAt: preparing.startedAt,
  };
}

/**
 * What `auto` would choose for this prepared run, measured now on its real batches: the same
 * backends, paths and figures a run started with `auto` would measure, without training.
 */
export async function measureBackends(prepared: PreparedTraining): Promise<BackendReport> {
  const { report } = await chooseBackendAndPath(prepared.data, prepared.shape, prepared.settings, 'auto', 'auto');
  return report;
}

/**
 * Trains a prepared run on `target`, then (after fitSeconds, like the metrics) fits the temperature
 * on the validation split and bakes it into the output layer, stores the weights in
 * `settings.weights` (modelAsStored: rounded through that format as its file will hold them), and
 * on those stored weights finds each class's top words and evaluates validation and test. The
 * model returned, its metrics, its explanations and its exported file therefore all agree.
 */
export async function trainPrepared(
  prepared: PreparedTraining,
  target: RunTarget,
  callbacks: TrainCallbacks = {},
  options: TrainOptions = {},
): Promise<TrainOutcome> {
  const { input, settings, split, data } = prepared;
  const result = await trainModel(data, prepared.shape, settings, target.backend, callbacks, { ...options, trainingPath: target.path ?? options.trainingPath });
  const fitSeconds = (performance.now() - prepared.startedAt) / 1000;

  const manifest = manifestOf(prepared, result);
  const { weights, calibration } = calibrateOnValidation(result.weights, data.validation);
  manifest.calibration = calibration;
  const { model, validationProbabilities } = modelAsStored({ manifest, weights }, settings.weights, {
    validation: data.validation ? { examples: split.validation, encoded: data.validation } : null,
    test: input.test ?? null,
  });
  const { validation, test } = model.manifest.metrics;
  const goldenTexts = chooseGoldenTexts(split.validation, prepared.tokenizer);
  return { model, float32Weights: weights, goldenTexts, validationExamples: split.validation, validation, test, validationProbabilities, fitSeconds };
}

/** sift.json for a run prepared as `prepared` that trained as `result` (metrics filled in later). */
function manifestOf(prepared: PreparedTraining, result: Omit<TrainResult, 'weights'>): SiftManifest {
  const { input, settings, split, info } = prepared;
  return {
    format: 'sift-model',
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: input.name ?? modelNameFrom(input.fileName),
    createdAt: new Date().toISOString(),
    siftVersion: SIFT_VERSION,
    labels: info.labels,
    tokenizer: prepared.tokenizer,
    vocabulary: prepared.vocabulary.tokens,
    sequenceLength: settings.sequenceLength,
    seed: settings.seed,
    settings: { ...settings },
    training: {
      history: result.history,
      bestEpoch: result.bestEpoch,
      stopReason: result.stopReason,
      backend: result.backend.name,
      seconds: result.seconds,
      trainExamples: split.train.length,
      validationExamples: split.validation.length,
    },
    metrics: { validation: null, test: null },
    dataset: {
      fileName: input.fileName === null ? null : baseName(input.fileName),
      textColumn: input.textColumn,
      labelColumn: input.labelColumn,
      rows: input.examples.length,
    },
  };
}

/** The best epoch so far of a run still training, as a model that says so (stopReason 'interrupted'). */
export interface Checkpoint {
  epoch: number;
  /** Copied: the training loop reuses the arrays it reported. */
  weights: ModelWeights;
  history: readonly EpochLog[];
  backend: BackendReport;
  /** Seconds since the run's training began. */
  seconds: number;
}

/**
 * A checkpoint as a SiftModel: the run's manifest with the history so far, `bestEpoch` the
 * checkpoint's epoch, stop reason 'interrupted' and no metrics (evaluating would slow the run; the
 * history has the epoch's validation loss and accuracy).
 */
export function checkpointModel(prepared: PreparedTraining, checkpoint: Checkpoint): SiftModel {
  const manifest = manifestOf(prepared, {
    history: [...checkpoint.history],
    bestEpoch: checkpoint.epoch,
    stopReason: 'interrupted',
    backend: checkpoint.backend,
    seconds: checkpoint.seconds,
  });
  // Stored as the finished model will be: what the page keeps and exports of it is what it shows.
  return { manifest, weights: storedWeights(checkpoint.weights, prepared.settings.weights) };
}

/**
 * prepareTraining + trainPrepared on `settings.backend`; `corpora` builds the corpora (the CLI's
 * reads a big split in parts on several threads), else they are built in this thread.
 */
export async function trainFromExamples(
  input: TrainInput,
  settings: TrainSettings,
  callbacks: TrainCallbacks & { onPrepared?(info: PreparedInfo): void } = {},
  options: TrainOptions = {},
  corpora?: CorpusBuilder,
): Promise<TrainOutcome> {
  const prepared = corpora ? await prepareTrainingWith(corpora, input, settings) : prepareTraining(input, settings);
  callbacks.onPrepared?.(prepared.info);
  return trainPrepared(prepared, { backend: settings.backend }, callbacks, options);
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

function modelNameFrom(fileName: string | null): string {
  if (!fileName) return 'sift-model';
  return baseName(fileName).replace(/\.(csv|tsv|txt)$/i, '') || 'sift-model';
}
