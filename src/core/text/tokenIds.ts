import { fastPathApplies, forEachFastWordSpan } from './fastWords';
import { normalizeText } from './normalize';
import { findPii } from './pii';
import type { TokenTable } from './tokenTable';
import { forEachTokenWithSpan, type TokenKind } from './tokenize';
import type { TokenizerConfig } from './types';

/** Word and bigram ids of one text, reused from text to text (a text has at most one word per character). */
interface Buffers {
  words: Int32Array;
  pairs: Int32Array;
}

let spare: Buffers | null = null;

/** The spare buffers if free and large enough, else new ones (a visitor that tokenises another text gets its own). */
function takeBuffers(characters: number): Buffers {
  const buffers = spare !== null && spare.words.length >= characters ? spare : { words: new Int32Array(Math.max(256, characters)), pairs: new Int32Array(Math.max(256, characters)) };
  spare = null;
  return buffers;
}

function releaseBuffers(buffers: Buffers): void {
  if (spare === null || buffers.words.length > spare.words.length) spare = buffers;
}

/**
 * A text's tokens as read by the fast path: `words[k]` is the k-th word's id and, for k ≥ 1,
 * `pairs[k]` the id of the bigram of words k-1 and k (when the config has bigrams); the tokens in
 * order are words[0], words[1], pairs[1], words[2], pairs[2]… Valid until the next call.
 */
export interface FastTokenIds {
  words: Int32Array;
  pairs: Int32Array;
  count: number;
}

/**
 * The ids of `text`'s tokens as `forEachTokenId` would give them, when the fast path reads it;
 * null when it does not (then use forEachTokenId). For callers that visit every token of many
 * texts (trainingCorpus.ts, encode.ts): a loop over these arrays instead of a call per token, which
 * was a fifth of the time to encode AG News texts (a call site that sees several visitors is
 * never inlined).
 */
export function fastTokenIds(text: string, config: TokenizerConfig, table: TokenTable, intern: boolean): FastTokenIds | null {
  const normalized = normalizeText(text, config);
  if (!readsFast(normalized, config)) return null;
  const buffers = takeBuffers(normalized.length);
  releaseBuffers(buffers); // the caller reads them before it tokenises anything else
  return { words: buffers.words, pairs: buffers.pairs, count: readFast(normalized, config, table, intern, buffers) };
}

/** Fast-path characters only (no CJK, so no character n-grams to interleave) and no personal data to mask. */
function readsFast(normalized: string, config: TokenizerConfig): boolean {
  return fastPathApplies(normalized) && !(config.maskPii && findPii(normalized).length > 0);
}

/**
 * Fills `buffers` with the word and bigram ids of `normalized`; returns the number of words. All
 * the words first, then all the bigrams: bigram lookups in a row of their own overlap their cache
 * misses (measured ~2× faster than interleaved).
 */
function readFast(normalized: string, config: TokenizerConfig, table: TokenTable, intern: boolean, buffers: Buffers): number {
  const words = buffers.words;
  let count = 0;
  forEachFastWordSpan(normalized, (start, end, hash) => {
    words[count++] = intern ? table.internRange(normalized, start, end, hash) : table.findRange(normalized, start, end, hash);
    return true;
  });
  const pairs = buffers.pairs;
  if (config.wordBigrams) {
    table.touchPairs(words, count);
    for (let k = 1; k < count; k++) pairs[k] = intern ? table.internPair(words[k - 1], words[k]) : table.findPair(words[k - 1], words[k]);
  }
  return count;
}

/** Returning false stops; `id` is -1 for a token the table does not know (when only looking up). */
export type TokenIdVisitor = (id: number, kind: TokenKind) => boolean;

/**
 * The tokens `forEachToken` gives for `text`, in the same order and with the same kinds, each as
 * its id in `table`: given an id if new (`intern`), or -1 when unknown. Texts the fast word
 * splitter handles (Latin script, most English and Western European text) with no personal data
 * in them are read without making a string per token: words are looked up by their characters,
 * bigrams by their words' ids. Any other text takes `forEachToken`'s own path, token strings and
 * all, so both give the same ids for the same tokens.
 */
export function forEachTokenId(text: string, config: TokenizerConfig, table: TokenTable, intern: boolean, visit: TokenIdVisitor): void {
  const normalized = normalizeText(text, config);
  if (readsFast(normalized, config)) {
    // A visitor may tokenise another text: these buffers are this call's until it ends.
    const buffers = takeBuffers(normalized.length);
    try {
      const count = readFast(normalized, config, table, intern, buffers);
      const { words, pairs } = buffers;
      for (let k = 0; k < count; k++) {
        if (!visit(words[k], 'word')) return;
        if (config.wordBigrams && k > 0 && !visit(pairs[k], 'bigram')) return;
      }
    } finally {
      releaseBuffers(buffers);
    }
    return;
  }
  // A bigram joins the word before the current one and the current one.
  let previousWord = -1;
  let currentWord = -1;
  forEachTokenWithSpan(normalized, config, (token, kind) => {
    let id: number;
    if (kind === 'bigram') id = intern ? table.internPair(previousWord, currentWord) : table.findPair(previousWord, currentWord);
    else {
      id = intern ? table.internString(token) : table.findString(token);
      if (kind === 'word') {
        previousWord = currentWord;
        currentWord = id;
      }
    }
    return visit(id, kind);
  });
}
