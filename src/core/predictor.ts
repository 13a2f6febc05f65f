/**
 * The one prediction path: text → Sift's tokenizer and the model's vocabulary → ids → Classifier
 * (plain JavaScript, no tfjs). The Try box, `sift predict`/`eval`, validation and test metrics
 * all predict through here.
 */
import type { SiftManifest, SiftModel } from './bundle/types';
import type { Example } from './dataset/types';
import { Classifier } from './model/classifier';
import { explainTokens, predictionFromProbabilities } from './model/explain';
import { computeMetrics } from './model/metrics';
import { argmaxAt } from './model/rowMath';
import type { Explanation, Metrics, Prediction } from './model/types';
import { encodeTextWithTokens, encodeTexts } from './text/encode';
import type { EncodedCorpus, Vocabulary } from './text/types';
import { vocabularyIndex } from './text/vocabulary';

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

  /** @throws SiftError BUNDLE_MISMATCH when the weights do not fit their shape */
  static create(model: SiftModel): Predictor {
    return new Predictor(model, Classifier.fromWeights(model.weights));
  }

  get manifest(): SiftManifest {
    return this.model.manifest;
  }

  /** The texts as the model sees them: ids after tokenizing and truncating. */
  encode(texts: readonly string[]): EncodedCorpus {
    const { tokenizer, sequenceLength } = this.model.manifest;
    return encodeTexts(texts, null, this.vocabulary, tokenizer, sequenceLength);
  }

  /** [n × numClasses] probabilities for the given texts. */
  probabilities(texts: readonly string[]): Float32Array {
    return this.classifier.predictProbabilities(this.encode(texts));
  }

  predict(text: string): Prediction {
    return this.predictMany([text])[0];
  }

  predictMany(texts: readonly string[]): Prediction[] {
    if (texts.length === 0) return [];
    const probs = this.probabilities(texts);
    const k = this.labels.length;
    return texts.map((_, i) => predictionFromProbabilities(probs.subarray(i * k, (i + 1) * k), this.labels));
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
  evaluate(examples: readonly Example[]): Metrics {
    return this.metricsOf(this.probabilities(examples.map((e) => e.text)), examples);
  }

  /**
   * `evaluate` for examples already encoded with this model's vocabulary and settings (the
   * pipeline's validation split), so they are not tokenized again.
   */
  evaluateEncoded(corpus: EncodedCorpus, examples: readonly Example[]): Metrics {
    return this.metricsOf(this.classifier.predictProbabilities(corpus), examples);
  }

  private metricsOf(probs: Float32Array, examples: readonly Example[]): Metrics {
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
    for (let i = 0; i < examples.length; i++) predicted[i] = argmaxAt(probs, i * k, k);
    const truth = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? -1);
    return computeMetrics(truth, predicted, labels);
  }
}
