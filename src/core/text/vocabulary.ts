import { SiftError } from '../errors';
import { forEachToken } from './tokenize';
import { OOV_ID, PAD_ID, type TokenizerConfig, type Vocabulary, type VocabularyOptions } from './types';

export const PAD_TOKEN = '<pad>';
export const OOV_TOKEN = '<unk>';

/**
 * Word bigrams and CJK character n-grams seen fewer times than this (or than minCount, if larger)
 * are left out. An n-gram seen once in the training split gets a row the model can only use to
 * memorise that one text: measured (Node wasm, seeds 42/1/2), dropping them raised mean test
 * accuracy over TREC-6, SMS, THUCNews titles and AG News from 0.905 to 0.906 — no dataset got
 * worse — and shrank the table by 7–63% (TREC-6: 34,700 → 12,700 rows), which makes every epoch
 * and the model file smaller. Dropping words seen once as well (minCount 2) cost TREC-6 0.005.
 */
export const NGRAM_MIN_COUNT = 2;

/**
 * Tokens longer than this (UTF-16 code units) never enter the vocabulary: such a "word" is a
 * pasted blob (base64, a run of one letter), which no other text shares, and a bundle reader
 * must be able to bound every string it accepts (bundle/limits.ts). They encode as <unk>.
 */
export const MAX_TOKEN_CHARS = 1000;

/** How often a token was seen, and whether at least once as a word (not only as an n-gram). */
export interface TokenCount {
  n: number;
  word: boolean;
}

/**
 * Builds the vocabulary from the token lists of the TRAINING split only (so validation and test
 * texts cannot leak into it): '<pad>' = 0, '<unk>' = 1, then tokens seen at least `minCount`
 * times, most frequent first, ties in Unicode code point order so the same data always gives the
 * same ids, cut to `maxSize` entries in all (the two reserved ones included). Plain token lists
 * carry no kinds, so every token here counts as a word; `vocabularyFromTexts` knows the n-grams.
 */
export function buildVocabulary(tokenLists: Iterable<readonly string[]>, options: VocabularyOptions): Vocabulary {
  checkVocabularyOptions(options);
  // Boxed counters: one hash lookup per repeated token instead of a get and a set.
  const counts = new Map<string, TokenCount>();
  for (const tokens of tokenLists) {
    for (const token of tokens) countToken(counts, token, true);
  }
  return vocabularyFromCounts(counts, options);
}

function countToken(counts: Map<string, TokenCount>, token: string, word: boolean): void {
  const counter = counts.get(token);
  if (counter === undefined) counts.set(token, { n: 1, word });
  else {
    counter.n++;
    if (word) counter.word = true;
  }
}

/**
 * The vocabulary from token counts already made: the same ids for the same counts. A token seen
 * only as an n-gram needs NGRAM_MIN_COUNT. Options are assumed checked.
 */
export function vocabularyFromCounts(counts: Map<string, TokenCount>, options: VocabularyOptions): Vocabulary {
  const buckets = new CountBuckets();
  for (const [token, { n, word }] of counts) {
    if (n >= minimumCount(word, options) && token.length <= MAX_TOKEN_CHARS && !isReserved(token)) buckets.add(token, n);
  }
  return buckets.vocabulary(options.maxSize);
}

/** How often a token must be seen to enter the vocabulary: minCount, or NGRAM_MIN_COUNT if more and never seen as a word. */
export function minimumCount(word: boolean, options: VocabularyOptions): number {
  return word ? options.minCount : Math.max(options.minCount, NGRAM_MIN_COUNT);
}

/** '<pad>' and '<unk>' have their ids whatever a text holds. */
export function isReserved(token: string): boolean {
  return token === PAD_TOKEN || token === OOV_TOKEN;
}

/**
 * Tokens kept by the count rules, bucketed by count, and the vocabulary they make: '<pad>',
 * '<unk>', then most frequent first, ties in code point order, cut to `maxSize` in all. Only
 * the buckets that make it into the vocabulary are sorted: a corpus the size of 20 Newsgroups
 * has millions of distinct bigrams, most seen once, and sorting them all would take longer than
 * reading the corpus. Each token is added once.
 */
export class CountBuckets {
  private readonly buckets = new Map<number, string[]>();

  add(token: string, count: number): void {
    const bucket = this.buckets.get(count);
    if (bucket === undefined) this.buckets.set(count, [token]);
    else bucket.push(token);
  }

  vocabulary(maxSize: number): Vocabulary {
    const tokens = [PAD_TOKEN, OOV_TOKEN];
    for (const count of [...this.buckets.keys()].sort((a, b) => b - a)) {
      if (tokens.length >= maxSize) break;
      const room = maxSize - tokens.length;
      const bucket = firstByCodePoint(this.buckets.get(count) ?? [], room);
      for (let i = 0; i < bucket.length && i < room; i++) tokens.push(bucket[i]);
    }
    return { tokens };
  }
}

/** Throws INVALID_OPTION for a vocabulary size below 2 or a minimum count below 1. */
export function checkVocabularyOptions({ maxSize, minCount }: VocabularyOptions): void {
  if (!Number.isInteger(maxSize) || maxSize < 2) {
    throw new SiftError('INVALID_OPTION', `The vocabulary size must be a whole number of at least 2 (got ${maxSize}).`);
  }
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new SiftError('INVALID_OPTION', `The minimum token count must be a whole number of at least 1 (got ${minCount}).`);
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The first `k` of `strings` in code point order, sorted; reorders `strings`. Where a corpus has
 * more tokens than the vocabulary holds (20 Newsgroups: ~478,000 kept by the count rules for
 * 50,000 places), the last bucket that gets in is mostly cut, so only the survivors are sorted,
 * after a selection.
 */
function firstByCodePoint(strings: string[], k: number): string[] {
  // The native (code unit) order equals code point order unless a string has a surrogate pair.
  const compare = strings.some((s) => SURROGATE.test(s)) ? compareCodePoints : compareCodeUnits;
  if (k < strings.length) selectSmallest(strings, k, compare);
  const first = k < strings.length ? strings.slice(0, k) : strings;
  return first.sort(compare);
}

/**
 * Reorders `items` so that its first `k` entries are its k smallest (in no particular order):
 * Hoare's quickselect with a median-of-three pivot, O(n) on average.
 */
export function selectSmallest<T>(items: T[], k: number, compare: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as the pivot: sorted or nearly sorted input stays O(n).
    if (compare(items[mid], items[lo]) < 0) swap(items, mid, lo);
    if (compare(items[hi], items[lo]) < 0) swap(items, hi, lo);
    if (compare(items[hi], items[mid]) < 0) swap(items, hi, mid);
    const pivot = items[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (compare(items[i], pivot) < 0) i++;
      while (compare(items[j], pivot) > 0) j--;
      if (i <= j) swap(items, i++, j--);
    }
    // Now items[lo..j] ≤ pivot ≤ items[i..hi]; keep only the side that holds position k - 1.
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

function swap<T>(items: T[], a: number, b: number): void {
  const t = items[a];
  items[a] = items[b];
  items[b] = t;
}

/** token → id. Build it once per vocabulary and reuse it (`encode.ts` caches it). */
export function vocabularyIndex(vocab: Vocabulary): Map<string, number> {
  checkReservedTokens(vocab);
  const index = new Map<string, number>();
  vocab.tokens.forEach((token, id) => {
    if (!index.has(token)) index.set(token, id);
  });
  return index;
}

/** Rejects a vocabulary (e.g. from a hand-edited bundle) whose ids 0 and 1 are not the reserved tokens. */
export function checkReservedTokens(vocab: Vocabulary): void {
  if (vocab.tokens[PAD_ID] !== PAD_TOKEN || vocab.tokens[OOV_ID] !== OOV_TOKEN) {
    throw new SiftError('INVALID_OPTION', `A vocabulary must start with "${PAD_TOKEN}" (id 0) and "${OOV_TOKEN}" (id 1).`);
  }
}

/**
 * Orders strings by Unicode code point, not by UTF-16 code unit as `<` does: the two differ only
 * where a character above U+FFFF (a surrogate pair, e.g. rare Han characters and emoji) meets one
 * in U+E000..U+FFFF (e.g. full-width forms), and code point order is what other languages' sorts give.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, which is where the code points they encode lie. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return codeUnit + 0x2000;
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  return codeUnit;
}

/**
 * The vocabulary of `texts` (the rules of `buildVocabulary`, with n-grams known as such),
 * tokenizing one text at a time so that the token lists of a large corpus (10 million tokens for
 * 20 Newsgroups) are never all held at once.
 */
export function vocabularyFromTexts(texts: Iterable<string>, config: TokenizerConfig, options: VocabularyOptions): Vocabulary {
  checkVocabularyOptions(options);
  const counts = new Map<string, TokenCount>();
  for (const text of texts) {
    forEachToken(text, config, (token, kind) => {
      countToken(counts, token, kind === 'word');
      return true;
    });
  }
  return vocabularyFromCounts(counts, options);
}
