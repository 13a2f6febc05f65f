/**
 * The engine's front door: from labelled examples and settings to a trained SiftModel, and from a
 * SiftModel to predictions. The CLI and the training worker both call only this (plus
 * dataset/load and bundle/), so both behave identically.
 */
import type { SiftManifest, SiftModel } from './bundle/types';
import { BUNDLE_FORMAT_VERSION } from './bundle/types';
import { splitDataset } from './dataset/split';
import type { Example } from './dataset/types';
import { SiftError } from './errors';
import { Classifier } from './model/classifier';
import { explainTokens } from './model/explain';
import { computeMetrics } from './model/metrics';
import { trainModel } from './model/train';
import type { EpochLog, Explanation, Metrics, Prediction, TrainCallbacks } from './model/types';
import { tokenizerConfigOf, type TrainSettings } from './settings';
import { encodeTextWithTokens, encodeTexts } from './text/encode';
import type { EncodedCorpus, TokenizerConfig, Vocabulary } from './text/types';
import { vocabularyAndCorpus } from './text/trainingCorpus';
import { vocabularyIndex } from './text/vocabulary';
import { SIFT_VERSION } from './version';

export interface TrainInput {
  examples: Example[];
  /** Optional separate test file's examples (evaluated after training, never trained on). */
  test?: Example[];
  fileName: string | null;
  textColumn: string;
  labelColumn: string;
  /** Model name used in the bundle; defaults to the file name without extension. */
  name?: string;
}

export interface PreparedInfo {
  labels: string[];
  vocabularySize: number;
  trainExamples: number;
  validationExamples: number;
}

export interface PipelineCallbacks extends TrainCallbacks {
  /** After split + vocabulary + encoding, before the first batch. */
  onPrepared?(info: PreparedInfo): void;
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

/** Sorted distinct labels: the class index of a label is its position here. */
export function labelsOf(examples: Example[]): string[] {
  return [...new Set(examples.map((e) => e.label))].sort();
}

function encodeExamples(
  examples: Example[],
  labelIndex: Map<string, number>,
  vocab: Vocabulary,
  tokenizer: TokenizerConfig,
  sequenceLength: number,
): EncodedCorpus {
  const labels = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? -1);
  return encodeTexts(
    examples.map((e) => e.text),
    labels,
    vocab,
    tokenizer,
    sequenceLength,
  );
}

/** Splits, builds the vocabulary from the training split only, trains, and evaluates. */
export async function trainFromExamples(
  input: TrainInput,
  settings: TrainSettings,
  callbacks: PipelineCallbacks = {},
): Promise<TrainOutcome> {
  const started = performance.now();
  const labels = labelsOf(input.examples);
  if (input.examples.length === 0) throw new SiftError('NO_EXAMPLES', 'There are no usable examples to train on.');
  if (labels.length < 2) {
    throw new SiftError(
      'SINGLE_CLASS',
      `Every example has the label "${labels[0]}"; a classifier needs at least two classes.`,
    );
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const split = splitDataset(input.examples, { validationShare: settings.validationShare, seed: settings.seed });
  const tokenizer = tokenizerConfigOf(settings);
  // Tokenizes the training texts once, for both the vocabulary and their ids.
  const { vocabulary, corpus: train } = vocabularyAndCorpus(
    split.train.map((e) => e.text),
    Int32Array.from(split.train, (e) => labelIndex.get(e.label) ?? -1),
    tokenizer,
    { maxSize: settings.vocabularySize, minCount: settings.minCount },
    settings.sequenceLength,
  );
  const validation =
    split.validation.length > 0
      ? encodeExamples(split.validation, labelIndex, vocabulary, tokenizer, settings.sequenceLength)
      : null;
  callbacks.onPrepared?.({
    labels,
    vocabularySize: vocabulary.tokens.length,
    trainExamples: split.train.length,
    validationExamples: split.validation.length,
  });

  const shape = {
    vocabSize: vocabulary.tokens.length,
    embeddingDim: settings.embeddingDim,
    hiddenUnits: settings.hiddenUnits,
    numClasses: labels.length,
  };
  const result = await trainModel({ train, validation }, shape, settings, settings.backend, callbacks);
  const fitSeconds = (performance.now() - started) / 1000;

  const manifest: SiftManifest = {
    format: 'sift-model',
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: input.name ?? modelNameFrom(input.fileName),
    createdAt: new Date().toISOString(),
    siftVersion: SIFT_VERSION,
    labels,
    tokenizer,
    vocabulary: vocabulary.tokens,
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
      fileName: input.fileName,
      textColumn: input.textColumn,
      labelColumn: input.labelColumn,
      rows: input.examples.length,
    },
  };
  const model: SiftModel = { manifest, weights: result.weights };
  const predictor = Predictor.create(model);
  try {
    manifest.metrics.validation = validation ? predictor.evaluateEncoded(validation, split.validation) : null;
    manifest.metrics.test = input.test && input.test.length > 0 ? predictor.evaluate(input.test) : null;
  } finally {
    predictor.dispose();
  }
  return { model, validation: manifest.metrics.validation, test: manifest.metrics.test, fitSeconds };
}

function modelNameFrom(fileName: string | null): string {
  if (!fileName) return 'sift-model';
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt)$/i, '');
  return base || 'sift-model';
}

/** Predicts with a trained model on the current tfjs backend. Call dispose() when done. */
export class Predictor {
  readonly labels: string[];
  private readonly vocabulary: Vocabulary;
  private readonly index: Map<string, number>;

  private constructor(
    private readonly model: SiftModel,
    private readonly classifier: Classifier,
  ) {
    this.labels = model.manifest.labels;
    // One Vocabulary object for the predictor's life, so the encoder's token index is built once.
    this.vocabulary = { tokens: model.manifest.vocabulary };
    this.index = vocabularyIndex(this.vocabulary);
  }

  static create(model: SiftModel): Predictor {
    return new Predictor(model, Classifier.fromWeights(model.weights));
  }

  get manifest(): SiftManifest {
    return this.model.manifest;
  }

  /** [n × numClasses] probabilities for the given texts. */
  probabilities(texts: string[]): Float32Array {
    const { tokenizer, sequenceLength } = this.model.manifest;
    const corpus = encodeTexts(texts, null, this.vocabulary, tokenizer, sequenceLength);
    return this.classifier.predictProbabilities(corpus);
  }

  predict(text: string): Prediction {
    return this.predictMany([text])[0];
  }

  predictMany(texts: string[]): Prediction[] {
    if (texts.length === 0) return [];
    const probs = this.probabilities(texts);
    const k = this.labels.length;
    return texts.map((_, i) => predictionFrom(probs.subarray(i * k, (i + 1) * k), this.labels));
  }

  /** Why: each distinct token the model saw, and how much it moved the predicted class. */
  explain(text: string): Explanation {
    const { tokenizer, sequenceLength } = this.model.manifest;
    const { ids, tokens } = encodeTextWithTokens(text, this.index, tokenizer, sequenceLength);
    return explainTokens(this.classifier, tokens, ids, this.labels);
  }

  /**
   * Metrics on labelled examples. Labels the model never saw count as errors and get their own
   * row in the confusion matrix, so a test file with an extra class is reported, not rejected.
   */
  evaluate(examples: Example[]): Metrics {
    return this.metricsOf(this.probabilities(examples.map((e) => e.text)), examples);
  }

  /**
   * `evaluate` for examples already encoded with this model's vocabulary and settings (the
   * pipeline's validation split), so they are not tokenized again.
   */
  evaluateEncoded(corpus: EncodedCorpus, examples: Example[]): Metrics {
    return this.metricsOf(this.classifier.predictProbabilities(corpus), examples);
  }

  private metricsOf(probs: Float32Array, examples: Example[]): Metrics {
    const labels = [...this.labels];
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    for (const e of examples) {
      if (!labelIndex.has(e.label)) {
        labelIndex.set(e.label, labels.length);
        labels.push(e.label);
      }
    }
    const k = this.labels.length;
    const predicted = new Int32Array(examples.length);
    for (let i = 0; i < examples.length; i++) predicted[i] = argmax(probs, i * k, k);
    const truth = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? -1);
    return computeMetrics(truth, predicted, labels);
  }

  dispose(): void {
    this.classifier.dispose();
  }
}

function argmax(values: Float32Array, start: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[start + j] > values[start + best]) best = j;
  return best;
}

function predictionFrom(probs: Float32Array, labels: string[]): Prediction {
  const best = argmax(probs, 0, probs.length);
  return {
    label: labels[best],
    probabilities: labels.map((label, j) => ({ label, probability: probs[j] })),
  };
}

export type { EpochLog };
