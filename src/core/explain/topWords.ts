/**
 * What the model learned: for each class, the words that most push toward it on their own.
 *
 * A word's score for class c is how much the one-word text raises c's log-odds above the empty
 * text's: [z_c − log Σ_{j≠c} e^{z_j}](word) − [same](""), from the logits. The one-word text is
 * the word typed alone, encoded as the model encodes any text, so a Chinese word brings its
 * character pieces along (模型 → 模型, 模, 型), exactly as when it appears in a sentence. Relative
 * to the empty text because the empty text's answer is the model's default (its prior, roughly):
 * a word that merely leaves the default answer in place has pushed nothing.
 */
import { SiftError } from '../errors';
import { forEachToken, type TokenKind } from '../text/tokenize';
import { OOV_ID, PAD_ID, type TokenizerConfig } from '../text/types';
import { COALITION_BATCH, logOddsFromLogits, pooledMean, type BagOfEmbeddings } from './coalitionScorer';

/** Words per class, as the issue asks for the model card and the evaluation step. */
export const TOP_WORDS = 20;

const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]+$/u;

export interface WordCandidate {
  word: string;
  /** The ids the model sees for the word typed alone, in text order. */
  ids: Int32Array;
}

/**
 * The vocabulary's whole words, each with its one-word text's ids. A token is a whole word when
 * typed alone it gives exactly one word, itself: that leaves out bigrams ("new york" is two words),
 * character n-grams that are not words ("间很"), <pad>, <unk>, and tokens made only of
 * punctuation and symbols. `kinds` (kind per id, as training saw them) narrows it further to the
 * tokens training saw as words, where the caller has it.
 * @param tokens the vocabulary, index = id
 */
export function vocabularyWords(tokens: readonly string[], tokenizer: TokenizerConfig, index: ReadonlyMap<string, number>, kinds?: readonly TokenKind[]): WordCandidate[] {
  const candidates: WordCandidate[] = [];
  for (let id = 0; id < tokens.length; id++) {
    const token = tokens[id];
    if (id === PAD_ID || id === OOV_ID || (kinds !== undefined && kinds[id] !== 'word') || PUNCTUATION_OR_SYMBOL.test(token)) continue;
    const ids: number[] = [];
    let words = 0;
    let itself = false;
    forEachToken(token, tokenizer, (piece, kind) => {
      if (kind === 'word') {
        words++;
        itself = piece === token;
      }
      const pieceId = index.get(piece);
      if (pieceId !== undefined) ids.push(pieceId);
      return words <= 1;
    });
    if (words === 1 && itself) candidates.push({ word: token, ids: Int32Array.from(ids) });
  }
  return candidates;
}

export interface TopWord {
  word: string;
  /** Log-odds of the class for the word alone minus for the empty text (> 0). */
  score: number;
}

/**
 * For each class, up to `count` candidates with the highest positive score (see the file's
 * comment), best first; ties keep the earlier candidate (the more frequent word, in vocabulary
 * order). One pass over the candidates, COALITION_BATCH one-word texts per call of the head.
 * @returns [numClasses][≤ count]
 */
export function topWordsPerClass(candidates: readonly WordCandidate[], model: BagOfEmbeddings, count = TOP_WORDS): TopWord[][] {
  if (!Number.isInteger(count) || count < 1) throw new SiftError('INVALID_OPTION', `The number of top words must be a whole number of at least 1 (got ${count}).`);
  const { dim, numClasses: k, headLogits } = model;
  const emptyLogits = headLogits(pooledMean(model, []), 1);
  const emptyScore = Float64Array.from({ length: k }, (_, c) => logOddsFromLogits(emptyLogits, 0, k, c));
  const top: TopWord[][] = Array.from({ length: k }, () => []);
  for (let from = 0; from < candidates.length; from += COALITION_BATCH) {
    const rows = Math.min(COALITION_BATCH, candidates.length - from);
    const pooled = new Float32Array(rows * dim);
    for (let r = 0; r < rows; r++) pooled.set(pooledMean(model, candidates[from + r].ids), r * dim);
    const logits = headLogits(pooled, rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < k; c++) {
        const score = logOddsFromLogits(logits, r * k, k, c) - emptyScore[c];
        const list = top[c];
        if (!(score > 0) || (list.length === count && score <= list[count - 1].score)) continue;
        let at = list.length;
        while (at > 0 && list[at - 1].score < score) at--;
        list.splice(at, 0, { word: candidates[from + r].word, score });
        if (list.length > count) list.pop();
      }
    }
  }
  return top;
}
