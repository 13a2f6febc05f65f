import { SiftError } from '../errors';
import { tokenize } from './tokenize';
import { OOV_ID, PAD_ID, type TokenizerConfig, type Vocabulary, type VocabularyOptions } from './types';

export const PAD_TOKEN = '<pad>';
export const OOV_TOKEN = '<unk>';

/**
 * Builds the vocabulary from the token lists of the TRAINING split only (so validation and test
 * texts cannot leak into it): '<pad>' = 0, '<unk>' = 1, then tokens seen at least `minCount`
 * times, most frequent first, ties in Unicode code point order so the same data always gives the
 * same ids, cut to `maxSize` entries in all (the two reserved ones included).
 */
export function buildVocabulary(tokenLists: Iterable<readonly string[]>, options: VocabularyOptions): Vocabulary {
  checkVocabularyOptions(options);
  // Boxed counters: one hash lookup per repeated token instead of a get and a set.
  const counts = new Map<string, { n: number }>();
  for (const tokens of tokenLists) {
    for (const token of tokens) {
      const counter = counts.get(token);
      if (counter !== undefined) counter.n++;
      else counts.set(token, { n: 1 });
    }
  }
  return vocabularyFromCounts(counts, options);
}

/**
 * `buildVocabulary` from token counts already made (token → {n}): the same ids for the same
 * counts. Options are assumed checked.
 */
export function vocabularyFromCounts(counts: Map<string, { n: number }>, options: VocabularyOptions): Vocabulary {
  const { maxSize, minCount } = options;
  // Bucket by count and sort only the buckets that make it into the vocabulary: a corpus the
  // size of 20 Newsgroups has millions of distinct bigrams, most seen once, and sorting them all
  // would take longer than reading the corpus.
  const buckets = new Map<number, string[]>();
  for (const [token, { n: count }] of counts) {
    if (count < minCount || token === PAD_TOKEN || token === OOV_TOKEN) continue;
    const bucket = buckets.get(count);
    if (bucket === undefined) buckets.set(count, [token]);
    else bucket.push(token);
  }
  const tokens = [PAD_TOKEN, OOV_TOKEN];
  for (const count of [...buckets.keys()].sort((a, b) => b - a)) {
    if (tokens.length >= maxSize) break;
    const bucket = sortByCodePoint(buckets.get(count) ?? []);
    const room = maxSize - tokens.length;
    for (let i = 0; i < bucket.length && i < room; i++) tokens.push(bucket[i]);
  }
  return { tokens };
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

/** Sorts in place by code point: the native (code unit) sort, unless a string has a surrogate pair. */
function sortByCodePoint(strings: string[]): string[] {
  return strings.some((s) => SURROGATE.test(s)) ? strings.sort(compareCodePoints) : strings.sort();
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
 * `buildVocabulary` over the tokens of `texts`, tokenizing one text at a time so that the token
 * lists of a large corpus (10 million tokens for 20 Newsgroups) are never all held at once.
 */
export function vocabularyFromTexts(texts: Iterable<string>, config: TokenizerConfig, options: VocabularyOptions): Vocabulary {
  function* tokenLists(): Generator<string[]> {
    for (const text of texts) yield tokenize(text, config);
  }
  return buildVocabulary(tokenLists(), options);
}
