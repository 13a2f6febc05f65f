/**
 * The one prediction path: text → Sift's tokenizer and the model's vocabulary → ids → Classifier
 * (plain JavaScript, no tfjs). The Try box, `sift predict`/`eval`, validation and test metrics
 * and the explanations all predict through here.
 */
import type { ClassTopWords, SiftManifest, SiftModel } from './bundle/types';
import type { Example } from './dataset/types';
import type { BagOfEmbeddings } from './explain/coalitionScorer';
import { explainWords, type TextEncoding } from './explain/explainWords';
import { TOP_WORDS, topWordsPerClass, vocabularyWords } from './explain/topWords';
import { Classifier } from './model/classifier';
import { computeMetrics } from './model/metrics';
import { argmaxAt, softmaxRows } from './model/rowMath';
import type { Explanation, Metrics, Prediction } from './model/types';
import { encodeTexts } from './text/encode';
import type { EncodedCorpus, Vocabulary } from './text/types';
import { vocabularyIndex } from './text/vocabulary';

/** Prediction for one row of probabilities, classes in the model's label order. */
export function predictionFromProbabilities(probs: ArrayLike<number>, labels: string[]): Prediction {
  return { label: labels[argmaxAt(probs, 0, labels.length)], probabilities: labels.map((label, j) => ({ label, probability: probs[j] })) };
}

export class Predictor {
  readonly labels: string[];
  private readonly vocabulary: Vocabulary;
  private readonly index: Map<string, number>;
  /** The model as the explain module takes it; `dense` lets it score coalitions 3–5× faster. */
  private readonly bag: BagOfEmbeddings;
  private readonly encoding: TextEncoding;

  private constructor(
    private readonly model: SiftModel,
    private readonly classifier: Classifier,
  ) {
    this.labels = model.manifest.labels;
    // One Vocabulary object for the predictor's life, so the encoder's token index is built once.
    this.vocabulary = { tokens: model.manifest.vocabulary };
    this.index = vocabularyIndex(this.vocabulary);
    const { shape, embedding, hiddenKernel, hiddenBias, outputKernel, outputBias } = model.weights;
    this.bag = {
      embedding,
      dim: shape.embeddingDim,
      numClasses: shape.numClasses,
      headLogits: (pooled, rows) => classifier.headLogits(pooled, rows),
      dense: { hiddenKernel, hiddenBias, outputKernel, outputBias },
    };
    this.encoding = { index: this.index, tokenizer: model.manifest.tokenizer, sequenceLength: model.manifest.sequenceLength };
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

  /** [n × numClasses] probabilities for texts already encoded with this model's vocabulary and settings. */
  probabilitiesOfEncoded(corpus: EncodedCorpus): Float32Array {
    return this.classifier.predictProbabilities(corpus);
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

  /**
   * The prediction for `text` and why, word by word: each word's Shapley value of the predicted
   * class's log-odds (explain/explainWords.ts), so the words' values add up to the text's score
   * minus the empty text's, however sure the model is. The prediction is predict(text)'s.
   */
  explain(text: string): Explanation {
    const explained = explainWords(text, this.bag, this.encoding);
    const prediction = predictionFromProbabilities(softmaxRows(explained.logits.slice(), this.labels.length), this.labels);
    return {
      text,
      prediction,
      words: explained.words.map((word, w, all) => ({
        ...word,
        known: explained.knowledge[w],
        read: w < all.length - explained.coverage.wordsCut,
        value: explained.values[w],
      })),
      score: explained.score,
      emptyScore: explained.emptyScore,
      method: explained.method,
      coverage: explained.coverage,
    };
  }

  /**
   * For each class, the `count` words of the vocabulary that most push toward it on their own
   * (explain/topWords.ts), in one batched pass over the vocabulary.
   */
  topWords(count = TOP_WORDS): ClassTopWords[] {
    const { vocabulary, tokenizer } = this.model.manifest;
    const top = topWordsPerClass(vocabularyWords(vocabulary, tokenizer, this.index), this.bag, count);
    return this.labels.map((label, c) => ({ label, words: top[c].map(({ word, score }) => ({ word, score })) }));
  }

  /**
   * Metrics on labelled examples. Labels the model never saw count as errors and get their own
   * row in the confusion matrix, so a test file with an extra class is reported, not rejected.
   */
  evaluate(examples: readonly Example[]): Metrics {
    return this.metricsFromProbabilities(this.probabilities(examples.map((e) => e.text)), examples);
  }

  /** `evaluate` for probabilities already computed for `examples` (row i ↔ examples[i]). */
  metricsFromProbabilities(probs: Float32Array, examples: readonly Example[]): Metrics {
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
