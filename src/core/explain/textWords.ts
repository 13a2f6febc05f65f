/**
 * A text as a person reads it (its words, with where they are in what was typed) and as the model
 * reads it (its tokens), tied together: every token names the words it covers.
 *
 * How tokens are credited to words. A token covers the words its text overlaps in the normalised
 * text: a word covers itself; a bigram ("new york") its two words; a CJK character n-gram the
 * one or more words its characters belong to ("模" and "模型" lie inside the word 模型; "大模" spans
 * the words 大 and 模型, so it covers both). Explanations treat the words as the players of a
 * game and a token as present iff ALL the words it covers are present: removing 模型 from
 * "大模型" removes 模型, 模, 型 and 大模, and keeps 大. A word's attribution therefore includes the
 * effect of its n-grams and character pieces, shared with its neighbours where they span both
 * (Shapley values split a joint effect evenly), and a Chinese sentence is explained word by word.
 * The words covered by a token are always consecutive: [firstWord, lastWord].
 */
import { forEachTokenWithSpan, type TokenKind } from '../text/tokenize';
import type { TokenizerConfig } from '../text/types';
import { normalizeWithOffsets } from './normalizedOffsets';

/** Segments made only of punctuation and symbols ("!", "。", "$", "😀") are not counted as words. */
const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]+$/u;

export interface TextWord {
  /** The word as the model sees it (normalised: NFKC, lower case). */
  text: string;
  /**
   * Where it is in the ORIGINAL text, [start, end) in UTF-16 units. Where one original character
   * normalises to several words ("…" → ".", ".", "."), those words share its range.
   */
  start: number;
  end: number;
  /** Made only of punctuation and symbols: a token of its own, but not counted as a word. */
  punctuation: boolean;
}

export interface TextToken {
  token: string;
  kind: TokenKind;
  /** The words it covers: indices firstWord..lastWord (inclusive) into TokenizedText.words. */
  firstWord: number;
  lastWord: number;
}

export interface TokenizedText {
  words: TextWord[];
  /** Every token `tokenize` gives for the text, in the same order. */
  tokens: TextToken[];
}

/** Index of the first word whose end is after `offset` (words sorted, not overlapping). */
function firstWordEndingAfter(ends: readonly number[], offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The words of `text` with their original ranges, and its tokens with the words they cover. */
export function tokenizeWithWords(text: string, config: TokenizerConfig): TokenizedText {
  const normalized = normalizeWithOffsets(text, config);
  const words: TextWord[] = [];
  const wordEnds: number[] = [];
  const spans: { token: string; kind: TokenKind; start: number; end: number }[] = [];
  forEachTokenWithSpan(normalized.text, config, (token, kind, start, end) => {
    spans.push({ token, kind, start, end });
    if (kind === 'word') {
      words.push({
        text: token,
        start: normalized.originalStart[start],
        end: normalized.originalEnd[end - 1],
        punctuation: PUNCTUATION_OR_SYMBOL.test(token),
      });
      wordEnds.push(end);
    }
    return true;
  });
  // Mapped after the pass: a character n-gram can come before the word it ends in.
  const tokens = spans.map(({ token, kind, start, end }) => ({
    token,
    kind,
    firstWord: firstWordEndingAfter(wordEnds, start),
    lastWord: firstWordEndingAfter(wordEnds, end - 1),
  }));
  return { words, tokens };
}

/** A piece of the original text: the words it shows (none for the text between words). */
export interface TextPiece {
  start: number;
  end: number;
  /** Indices into the words; more than one where words share original characters. */
  words: number[];
}

/**
 * The original text cut into consecutive pieces that cover it exactly, for highlighting: each
 * word's range is one piece, the text between words is a piece with no words, and words whose
 * ranges overlap (one original character that became several words) share a single piece.
 * @param textLength the original text's length; words as tokenizeWithWords gives them
 */
export function textPieces(textLength: number, words: readonly Pick<TextWord, 'start' | 'end'>[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  words.forEach((word, i) => {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && last.words.length > 0 && word.start < last.end) {
      last.words.push(i);
      last.end = Math.max(last.end, word.end);
      at = last.end;
      return;
    }
    if (word.start > at) pieces.push({ start: at, end: word.start, words: [] });
    pieces.push({ start: word.start, end: word.end, words: [i] });
    at = word.end;
  });
  if (at < textLength) pieces.push({ start: at, end: textLength, words: [] });
  return pieces;
}
