/**
 * One text's explanation, word by word, from plain model data: the entry point the worker (or
 * the inference module) calls for the Try box and for the texts behind the confusion matrix.
 */
import type { TokenizerConfig } from '../text/types';
import { argmax, coalitionScorer, logOddsFromLogits, pooledMean, type BagOfEmbeddings } from './coalitionScorer';
import { wordCoverage, wordKnowledge, type Coverage, type WordKnowledge } from './coverage';
import { seenTokens } from './seenTokens';
import { wordAttributions, type AttributionOptions, type WordAttributions } from './shapley';
import { tokenizeWithWords, type TextWord } from './textWords';

/** How the model reads text: what `encodeText` needs. */
export interface TextEncoding {
  /** token → id of the model's vocabulary (vocabularyIndex). */
  index: ReadonlyMap<string, number>;
  tokenizer: TokenizerConfig;
  sequenceLength: number;
}

export interface ExplainWordsOptions extends AttributionOptions {
  /** Class to explain; default the predicted one (largest logit). */
  target?: number;
}

export interface WordExplanation {
  /** The text's words with their ranges in the original text (see textPieces for highlighting). */
  words: TextWord[];
  /**
   * values[w]: how much word w pushed the log-odds of class `target`, ln(p / (1 − p)) (1 ≈ odds
   * ×2.7). Σ values = score − emptyScore (up to float64 rounding).
   */
  values: Float64Array;
  target: number;
  /** Logits of the text as the model sees it [numClasses]. */
  logits: Float32Array;
  /** Logits of the empty text, the model's default answer [numClasses]. */
  emptyLogits: Float32Array;
  /**
   * Log-odds of `target` for the text and for the empty text, as the attribution's scorer computed
   * them (from logits, in float64; equal to those from `logits` / `emptyLogits` up to float32
   * rounding, ~1e-6), so that Σ values = score − emptyScore holds to float64 rounding.
   */
  score: number;
  emptyScore: number;
  method: 'exact' | 'sampled';
  /** Coalitions scored (each one row through the head). */
  evaluations: number;
  coverage: Coverage;
  /** What the model knows of each word (see wordKnowledge), in the order of `words`. */
  knowledge: WordKnowledge[];
}

/** Tokenizes `text` as the model does and explains the prediction for it word by word. */
export function explainWords(text: string, model: BagOfEmbeddings, encoding: TextEncoding, options: ExplainWordsOptions = {}): WordExplanation {
  const tokenized = tokenizeWithWords(text, encoding.tokenizer);
  const seen = seenTokens(tokenized.tokens, tokenized.words.length, encoding.index, encoding.sequenceLength);
  const k = model.numClasses;
  const two = new Float32Array(2 * model.dim);
  two.set(pooledMean(model, seen.ids));
  two.set(pooledMean(model, []), model.dim);
  const both = model.headLogits(two, 2);
  const logits = both.slice(0, k);
  const emptyLogits = both.slice(k, 2 * k);
  const target = options.target ?? argmax(logits, 0, k);

  const knowledge = wordKnowledge(tokenized, encoding.index);
  const coverage = wordCoverage(tokenized, seen, encoding.index, knowledge);
  // Only <unk> (or the placeholder <unk> of a text without tokens): every coalition's mean is the
  // <unk> row, the empty text's, so every value is exactly 0; not left to float rounding.
  const result = coverage.defaultAnswer
    ? nothingToCredit(tokenized.words.length, logOddsFromLogits(emptyLogits, 0, k, target))
    : wordAttributions(tokenized.words.length, seen, coalitionScorer(model, seen.ids, target), options);
  return {
    words: tokenized.words,
    values: result.values,
    target,
    logits,
    emptyLogits,
    score: result.full,
    emptyScore: result.empty,
    method: result.method,
    evaluations: result.evaluations,
    coverage,
    knowledge,
  };
}

function nothingToCredit(wordCount: number, emptyScore: number): WordAttributions {
  return { values: new Float64Array(wordCount), full: emptyScore, empty: emptyScore, method: 'exact', evaluations: 0, orders: 0 };
}

export interface RankedWord {
  word: string;
  /** Sum of the values of its occurrences. */
  value: number;
  occurrences: number;
}

/**
 * Words ranked for the lists under the text: occurrences of the same word summed, punctuation
 * kept (it can matter: "!!!" in spam), words with value 0 left out; most positive first.
 */
export function rankWords(words: readonly Pick<TextWord, 'text'>[], values: ArrayLike<number>): RankedWord[] {
  const byWord = new Map<string, RankedWord>();
  words.forEach(({ text }, w) => {
    const entry = byWord.get(text);
    if (entry === undefined) byWord.set(text, { word: text, value: values[w], occurrences: 1 });
    else {
      entry.value += values[w];
      entry.occurrences++;
    }
  });
  return [...byWord.values()].filter((r) => r.value !== 0).sort((a, b) => b.value - a.value);
}

export type Strength = 'strong' | 'moderate' | 'weak';

/**
 * A word's push in words, for screen readers and legends ("pushed toward spam, strong"): by its
 * effect on the odds, |value| ≥ 2 (odds ×7.4 or more) strong, ≥ 0.5 (×1.65) moderate, else weak.
 */
export function strengthOf(value: number): Strength {
  const size = Math.abs(value);
  return size >= 2 ? 'strong' : size >= 0.5 ? 'moderate' : 'weak';
}
