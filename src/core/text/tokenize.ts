import { DEFAULT_SETTINGS, tokenizerConfigOf } from '../settings';
import { normalizeText } from './normalize';
import { findPii, PII_PLACEHOLDERS } from './pii';
import { forEachWord } from './segment';
import type { TokenizerConfig } from './types';

/** The tokenizer Sift trains with unless told otherwise (same values as DEFAULT_SETTINGS). */
export const DEFAULT_TOKENIZER: TokenizerConfig = tokenizerConfigOf(DEFAULT_SETTINGS);

/**
 * What a token is: a word or punctuation segment; two consecutive words joined by a space
 * ("new york"; a space never occurs inside a word token); or characters of a run of CJK text
 * (one character that is not a word by itself, or 2..cjkCharNgrams consecutive characters).
 * Encoding treats unknown words as <unk> but drops unknown bigrams and character n-grams.
 */
export type TokenKind = 'word' | 'bigram' | 'char';

/** Returning false stops tokenization (used to stop at the sequence length). */
export type TokenVisitor = (token: string, kind: TokenKind) => boolean;

/**
 * A TokenVisitor that is also told where the token lies in the NORMALISED text: [start, end) in
 * UTF-16 units. A word's or character n-gram's span is its own text; a bigram's runs from its
 * first word's start to its second word's end (the gap between them included). Explanations use
 * it to credit every token to the words it covers.
 */
export type SpannedTokenVisitor = (token: string, kind: TokenKind, start: number, end: number) => boolean;

export const BIGRAM_SEPARATOR = ' ';

/** Han, Hiragana, Katakana (with the prolonged sound mark ー) and Hangul. */
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30FC]/u;

/** Words and punctuation of `text` in order, after normalisation (and masking); no bigrams or n-grams. */
export function wordTokens(text: string, config: TokenizerConfig): string[] {
  const words: string[] = [];
  forEachMaskedWord(normalizeText(text, config), config, (word) => {
    words.push(word);
    return true;
  });
  return words;
}

/**
 * `forEachWord` over a normalised text, with each span of personal data (when `config.maskPii`)
 * given as ONE word, its placeholder (`<phone>`…), in place of the words or parts of words it
 * covers ("ref12345678" → "ref", "<number>"). `end` is where the word or span ends in `text` (a
 * placeholder is not as long as what it replaces). The text is segmented once, whole: cutting it
 * into pieces around the spans cost 20 Newsgroups' e-mail-laden posts twice the time.
 */
function forEachMaskedWord(text: string, config: TokenizerConfig, visit: (word: string, start: number, end: number) => boolean): void {
  const spans = config.maskPii ? findPii(text) : [];
  if (spans.length === 0) {
    forEachWord(text, config.locale, (word, start) => visit(word, start, start + word.length));
    return;
  }
  let next = 0; // the first span not yet given
  let covered = 0; // text before this offset was given (as words or spans)
  let going = true;
  forEachWord(text, config.locale, (word, wordStart) => {
    const wordEnd = wordStart + word.length;
    let from = Math.max(wordStart, covered);
    for (; next < spans.length && spans[next].start < wordEnd; next++) {
      const span = spans[next];
      if (span.start > from && !visit(text.slice(from, span.start), from, span.start)) return (going = false);
      if (!visit(PII_PLACEHOLDERS[span.kind], span.start, span.end)) return (going = false);
      covered = span.end;
      from = Math.max(from, span.end);
    }
    if (from >= wordEnd) return true;
    going = from === wordStart ? visit(word, wordStart, wordEnd) : visit(text.slice(from, wordEnd), from, wordEnd);
    return going;
  });
  // Spans hold digits or letters, so the segmenter always reaches them; this is only a safeguard.
  for (; going && next < spans.length; next++) going = visit(PII_PLACEHOLDERS[spans[next].kind], spans[next].start, spans[next].end);
}

/**
 * Every token the model sees for `text`. Tokens come in text order, each one as soon as the text
 * up to its end has been read — w1, w2, "w1 w2", w3, "w2 w3", … — so that truncating the list
 * keeps a prefix of the text with all its features, not the unigrams of the whole text.
 */
export function tokenize(text: string, config: TokenizerConfig): string[] {
  const tokens: string[] = [];
  forEachToken(text, config, (token) => {
    tokens.push(token);
    return true;
  });
  return tokens;
}

/** Calls `visit` for each token `tokenize` would return, in the same order, until it returns false. */
export function forEachToken(text: string, config: TokenizerConfig, visit: TokenVisitor): void {
  forEachTokenWithSpan(normalizeText(text, config), config, visit);
}

/**
 * `forEachToken` on a text that is ALREADY normalised (normalizeText with the same config), each
 * token with its span in that text (see SpannedTokenVisitor). Same tokens, same order.
 */
export function forEachTokenWithSpan(normalized: string, config: TokenizerConfig, visit: SpannedTokenVisitor): void {
  const charNgrams = config.cjkCharNgrams > 0 && CJK_CHAR.test(normalized) ? new CjkCharNgrams(normalized, config.cjkCharNgrams) : null;
  let previous: string | null = null;
  let previousStart = 0;
  forEachMaskedWord(normalized, config, (word, start, end) => {
    if (charNgrams !== null && !charNgrams.emitUpTo(start, end, visit)) return false;
    if (!visit(word, 'word', start, end)) return false;
    if (config.wordBigrams && previous !== null && !visit(previous + BIGRAM_SEPARATOR + word, 'bigram', previousStart, end)) return false;
    if (charNgrams !== null && !charNgrams.emitEndingAt(start, end, visit)) return false;
    previous = word;
    previousStart = start;
    return true;
  });
}

/**
 * Character features of maximal CJK runs, which span word boundaries (大模型 → 大 / 模型 as words,
 * plus 模, 型, 大模, 模型… as characters) so that a wrong segmentation or an unseen compound still
 * shares features with the training data. Emitted in order of their end offset, interleaved with
 * the words by `forEachToken`. A character n-gram that is exactly a word is not repeated.
 */
class CjkCharNgrams {
  /** Offsets of the current run's last `maxN` code points (most recent last). */
  private readonly runStarts: number[] = [];
  /** Text offset up to which characters have been read. */
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly maxN: number,
  ) {}

  /** Emits the n-grams that end inside the word [wordStart, wordEnd), before its last character. */
  emitUpTo(wordStart: number, wordEnd: number, visit: SpannedTokenVisitor): boolean {
    return this.advance(wordStart, wordEnd, false, visit);
  }

  /** Emits the n-grams that end where the word [wordStart, wordEnd) ends. */
  emitEndingAt(wordStart: number, wordEnd: number, visit: SpannedTokenVisitor): boolean {
    return this.advance(wordStart, wordEnd, true, visit);
  }

  private advance(wordStart: number, wordEnd: number, lastCharacter: boolean, visit: SpannedTokenVisitor): boolean {
    const text = this.text;
    while (this.position < wordEnd) {
      const start = this.position;
      const code = text.codePointAt(start) ?? 0;
      const end = start + (code > 0xffff ? 2 : 1);
      if (end === wordEnd && !lastCharacter) return true; // its n-grams follow the word itself
      this.position = end;
      if (!CJK_CHAR.test(text.slice(start, end))) {
        this.runStarts.length = 0;
        continue;
      }
      if (this.runStarts.length === this.maxN) this.runStarts.shift();
      this.runStarts.push(start);
      for (let n = 1; n <= this.runStarts.length; n++) {
        const ngramStart = this.runStarts[this.runStarts.length - n];
        if (ngramStart === wordStart && end === wordEnd) continue; // that is the word itself
        if (!visit(text.slice(ngramStart, end), 'char', ngramStart, end)) return false;
      }
    }
    return true;
  }
}
