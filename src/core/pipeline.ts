/**
 * The engine's front door: from labelled examples and settings to a trained SiftModel, in steps a
 * caller can take one at a time (the worker measures backends between preparing and training):
 *   prepareTraining → (measureBackends) → trainPrepared;   trainFromExamples does all three.
 * The CLI and the training worker both train only through here, so both behave identically.
 */
import type { SiftManifest, SiftModel } from './bundle/types';
import { BUNDLE_FORMAT_VERSION } from './bundle/types';
import { splitDataset } from './dataset/split';
import type { Example, Split } from './dataset/types';
import { SiftError } from './errors';
import { trainModel, type TrainOptions } from './model/train';
import { chooseBackendAndPath } from './model/trainingPath';
import type { BackendChoice, BackendReport, Metrics, ModelShape, TrainCallbacks, TrainData, TrainingPath } from './model/types';
import { Predictor } from './predictor';
import { tokenizerConfigOf, type TrainSettings } from './settings';
import { encodeTexts } from './text/encode';
import { vocabularyAndCorpus } from './text/trainingCorpus';
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
  model: SiftModel;
  validation: Metrics | null;
  test: Metrics | null;
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
 * parts. Tokenizes each training text once.
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, INVALID_OPTION
 */
export function prepareTraining(input: TrainInput, settings: TrainSettings): PreparedTraining {
  const startedAt = performance.now();
  const labels = labelsOf(input.examples);
  if (input.examples.length === 0) throw new SiftError('NO_EXAMPLES', 'There are no usable examples to train on.');
  if (labels.length < 2) {
    throw new SiftError('SINGLE_CLASS', `Every example has the label "${labels[0]}"; a classifier needs at least two classes.`);
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const classOf = (examples: readonly Example[]) => Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? -1);
  const split = splitDataset(input.examples, { validationShare: settings.validationShare, seed: settings.seed });
  const tokenizer = tokenizerConfigOf(settings);
  const { vocabulary, corpus: train } = vocabularyAndCorpus(
    split.train.map((e) => e.text),
    classOf(split.train),
    tokenizer,
    { maxSize: settings.vocabularySize, minCount: settings.minCount },
    settings.sequenceLength,
  );
  const validation =
    split.validation.length > 0
      ? encodeTexts(split.validation.map((e) => e.text), classOf(split.validation), vocabulary, tokenizer, settings.sequenceLength)
      : null;
  return {
    input,
    settings,
    info: { labels, vocabularySize: vocabulary.tokens.length, trainExamples: split.train.length, validationExamples: split.validation.length },
    split,
    tokenizer,
    vocabulary,
    data: { train, validation },
    shape: { vocabSize: vocabulary.tokens.length, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits, numClasses: labels.length },
    startedAt,
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

/** Trains a prepared run on `target` and evaluates it on validation and test. */
export async function trainPrepared(
  prepared: PreparedTraining,
  target: RunTarget,
  callbacks: TrainCallbacks = {},
  options: TrainOptions = {},
): Promise<TrainOutcome> {
  const { input, settings, split, data, info } = prepared;
  const result = await trainModel(data, prepared.shape, settings, target.backend, callbacks, { ...options, trainingPath: target.path ?? options.trainingPath });
  const fitSeconds = (performance.now() - prepared.startedAt) / 1000;

  const manifest: SiftManifest = {
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
  const model: SiftModel = { manifest, weights: result.weights };
  const predictor = Predictor.create(model);
  manifest.metrics.validation = data.validation ? predictor.evaluateEncoded(data.validation, split.validation) : null;
  manifest.metrics.test = input.test && input.test.length > 0 ? predictor.evaluate(input.test) : null;
  return { model, validation: manifest.metrics.validation, test: manifest.metrics.test, fitSeconds };
}

/** prepareTraining + trainPrepared on `settings.backend`. */
export async function trainFromExamples(
  input: TrainInput,
  settings: TrainSettings,
  callbacks: TrainCallbacks & { onPrepared?(info: PreparedInfo): void } = {},
  options: TrainOptions = {},
): Promise<TrainOutcome> {
  const prepared = prepareTraining(input, settings);
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
