import { SiftError } from '../errors';
import { fastTokenIds, forEachTokenId } from './tokenIds';
import { TokenTable, type TableTokens } from './tokenTable';
import { OOV_ID, type EncodedCorpus, type TokenizerConfig, type Vocabulary, type VocabularyOptions } from './types';
import { checkVocabularyOptions, CountBuckets, isReserved, MAX_TOKEN_CHARS, minimumCount } from './vocabulary';

/** Stored for a text with no token at all, so that every text holds at least one place (see below). */
const NO_TOKEN = -0x80000000;
/**
 * Texts read before the token store is sized from their mean: enough that the mean is close, as a
 * store that must grow later is copied whole (twice the memory for a moment). On a million AG News
 * rows the first 256 texts' mean reserved 16.6% more than all the texts needed, the first 4,096
 * texts' 6.3% (the 5% margin included); a file whose first rows are short would be under-reserved.
 */
const SIZING_TEXTS = 4096;

/**
 * The training split's vocabulary and its encoding, tokenizing each text ONCE: the same result as
 * `vocabularyFromTexts` followed by `encodeTexts` on the same texts, which tokenize everything
 * twice (measured on THUCNews titles: tokenizing is about a third of building the vocabulary and
 * most of encoding). The one-part case of reading in parts: `readTrainingTexts`,
 * `vocabularyOfReadTexts`, `encodeReadTexts`, `joinEncoded`.
 *
 * @param labels class index per text (copied into the corpus)
 * @param onProgress called after each text with the share of texts read (0..1); the reading
 *   loop is nearly all of the time (measured on 20 Newsgroups: 9.5 s of it, the rest 0.1 s)
 * @returns the vocabulary and the ragged corpus [ids ≤ sequenceLength per text], as `encodeTexts` gives it
 */
export function vocabularyAndCorpus(
  texts: readonly string[],
  labels: Int32Array,
  config: TokenizerConfig,
  options: VocabularyOptions,
  sequenceLength: number,
  onProgress?: (fraction: number) => void,
): { vocabulary: Vocabulary; corpus: EncodedCorpus } {
  checkCorpusOptions(options, sequenceLength);
  if (labels.length !== texts.length) {
    throw new SiftError('INVALID_OPTION', `There are ${texts.length} texts but ${labels.length} labels.`);
  }
  const read = readTrainingTexts(texts, config, sequenceLength, { onProgress });
  const { vocabulary, finalIds } = vocabularyOfReadTexts(read, [], options);
  return { vocabulary, corpus: joinEncoded(read, encodeReadTexts(read, finalIds[0], sequenceLength), [], labels) };
}

/** @throws SiftError INVALID_OPTION for vocabulary options or a sequence length that cannot be used (checked before any text is read). */
export function checkCorpusOptions(options: VocabularyOptions, sequenceLength: number): void {
  checkVocabularyOptions(options);
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) {
    throw new SiftError('INVALID_OPTION', `The sequence length must be a whole number of at least 1 (got ${sequenceLength}).`);
  }
}

/**
 * Texts read into token ids: `table` numbers their tokens in first-seen order, `counts` says how
 * often each was seen, and text i's tokens are `store[offsets[i] .. offsets[i+1])`.
 *
 * Each token of each text is kept as its table id (a bigram or character n-gram as ~id, so
 * encoding still knows that an unknown one is dropped rather than made <unk>). That costs 4 bytes
 * a token, not a string, and only up to the text's `sequenceLength`-th word: encoding never reads
 * further. Once the vocabulary is known, the ids are turned into final ids IN PLACE (a text's ids
 * never outgrow its tokens), and the corpus's `ids` is a view of that same store: for a million
 * AG News texts, a second array of ~300 MB is never made.
 */
export interface ReadTexts {
  table: TokenTable;
  counts: TokenCounts;
  store: Int32Array<ArrayBuffer>;
  offsets: Int32Array<ArrayBuffer>;
}

/**
 * What the vocabulary needs of texts read elsewhere, as plain data (typed arrays and strings) that
 * another thread can send: their table's tokens by id and how often each was seen. The CLI reads
 * parts of a big training split on other threads (src/cli/threads), each of which keeps its store and
 * encodes it once the vocabulary is known. Merged into the first part's table
 * (vocabularyOfReadTexts), they give the vocabulary one pass over all the texts gives.
 */
export interface ReadTokens {
  tokens: TableTokens;
  counts: Int32Array<ArrayBuffer>;
  seenAsWord: Uint8Array<ArrayBuffer>;
}

export function readTokens(read: ReadTexts): ReadTokens {
  const { counts, seenAsWord } = read.counts.upTo(read.table.size);
  return { tokens: read.table.tokens(), counts, seenAsWord };
}

/** A part's texts encoded: text i's ids are ids[offsets[i] .. offsets[i+1]). */
export interface EncodedPart {
  ids: Int32Array<ArrayBuffer>;
  offsets: Int32Array<ArrayBuffer>;
}

/**
 * Reads `texts` into token ids (see ReadTexts).
 * @param options.storeForTexts size the store for this many texts, from the first texts' mean:
 *   the first part of a split read in parts keeps room for the others' ids (copied in after it)
 */
export function readTrainingTexts(
  texts: readonly string[],
  config: TokenizerConfig,
  sequenceLength: number,
  options: { onProgress?: (fraction: number) => void; storeForTexts?: number } = {},
): ReadTexts {
  const { onProgress } = options;
  const storeForTexts = Math.max(texts.length, options.storeForTexts ?? 0);
  const table = new TokenTable();
  const counts = new TokenCounts();
  const offsets = new Int32Array(texts.length + 1);
  let store = new Int32Array(Math.max(1024, Math.min(texts.length, SIZING_TEXTS) * 64));
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    const fast = fastTokenIds(texts[i], config, table, true);
    if (fast !== null) {
      // What the visitor below does, without a call per token (most texts take this path).
      const { words: wordIds, pairs, count } = fast;
      const bigrams = config.wordBigrams && count > 1;
      counts.reserve(table.size);
      const tokens = bigrams ? 2 * count - 1 : count;
      if (size + tokens > store.length) store = grown(store, size, i, storeForTexts, tokens);
      let words = 0;
      for (let k = 0; k < count; k++) {
        const word = wordIds[k];
        counts.countWord(word);
        if (words < sequenceLength) {
          words++;
          store[size++] = word;
        }
        if (bigrams && k > 0) {
          const pair = pairs[k];
          counts.countOther(pair);
          if (words < sequenceLength) store[size++] = ~pair;
        }
      }
    } else {
      let words = 0;
      forEachTokenId(texts[i], config, table, true, (id, kind) => {
        const word = kind === 'word';
        counts.add(id, word);
        if (words >= sequenceLength) return true; // counted for the vocabulary, never encoded
        if (word) words++;
        if (size === store.length) store = grown(store, size, i, storeForTexts);
        store[size++] = word ? id : ~id;
        return true;
      });
    }
    if (size === offsets[i]) {
      if (size === store.length) store = grown(store, size, i, storeForTexts);
      store[size++] = NO_TOKEN;
    }
    offsets[i + 1] = size;
    onProgress?.((i + 1) / texts.length);
    // A store sized from the first texts' mean rarely needs to grow again (growing copies it).
    if (i + 1 === SIZING_TEXTS && texts.length > SIZING_TEXTS) store = resized(store, size, Math.ceil((size / SIZING_TEXTS) * storeForTexts * 1.05));
  }
  return { table, counts, store, offsets };
}

/**
 * The vocabulary of texts read in parts, in order (`first`, then `others`), and for each part the
 * vocabulary id of each of its table ids (-1: not in the vocabulary), for encodeReadTexts. Adds to
 * `first`'s table and counts those of the others' tokens that can get into the vocabulary (see
 * addToTable): the vocabulary is the one a single pass over all the texts gives.
 */
export function vocabularyOfReadTexts(first: ReadTexts, others: readonly ReadTokens[], options: VocabularyOptions): { vocabulary: Vocabulary; finalIds: Int32Array<ArrayBuffer>[] } {
  const { table, counts } = first;
  const floor = others.length > 0 ? countOfNth(table.size, keptBy(table, counts, options), (id) => counts.count(id), options.maxSize) : 0;
  const toFirstIds = others.map((other) => addToTable(table, counts, other, floor));
  const vocabulary = countedVocabulary(table, counts, options);
  const finalId = new Int32Array(table.size).fill(-1);
  vocabulary.tokens.forEach((token, id) => {
    const tableId = table.findToken(token);
    if (tableId >= 0 && finalId[tableId] < 0) finalId[tableId] = id;
  });
  return { vocabulary, finalIds: [finalId, ...toFirstIds.map((toFirst) => toFirst.map((tableId) => (tableId < 0 ? -1 : finalId[tableId])))] };
}

/**
 * encodeTexts' rules on a part's stored table ids, IN PLACE (its store and offsets become the
 * encoded ids'): an unknown word is <unk>, an unknown n-gram is dropped, at most sequenceLength
 * ids per text, and a text with none gets one <unk>. Writing never passes reading: each text's ids
 * are at most its stored tokens (at least one, NO_TOKEN included).
 * @param finalId the part's table id → vocabulary id (vocabularyOfReadTexts)
 */
export function encodeReadTexts(part: Pick<ReadTexts, 'store' | 'offsets'>, finalId: Int32Array, sequenceLength: number): EncodedPart {
  const { store, offsets } = part;
  const texts = offsets.length - 1;
  let out = 0;
  for (let i = 0; i < texts; i++) {
    const start = out;
    const end = offsets[i + 1];
    for (let p = offsets[i]; p < end && out - start < sequenceLength; p++) {
      const code = store[p];
      if (code === NO_TOKEN) continue;
      const id = finalId[code >= 0 ? code : ~code];
      if (id >= 0) store[out++] = id;
      else if (code >= 0) store[out++] = OOV_ID;
    }
    if (out === start) store[out++] = OOV_ID;
    offsets[i] = start;
  }
  offsets[texts] = out;
  return { ids: store.subarray(0, out), offsets };
}

/**
 * The corpus of encoded parts, in order: the others' ids are copied after the first's, in the
 * first part's store (sized for all by readTrainingTexts' storeForTexts, else grown).
 * @param labels class index per text of all parts (copied into the corpus)
 */
export function joinEncoded(first: ReadTexts, encodedFirst: EncodedPart, others: readonly EncodedPart[], labels: Int32Array): EncodedCorpus {
  const parts = [encodedFirst, ...others];
  const textCount = parts.reduce((sum, part) => sum + part.offsets.length - 1, 0);
  if (labels.length !== textCount) {
    throw new SiftError('INVALID_OPTION', `There are ${textCount} texts but ${labels.length} labels.`);
  }
  let store = first.store;
  const offsets = new Int32Array(textCount + 1);
  offsets.set(encodedFirst.offsets);
  let out = encodedFirst.ids.length;
  let textsBefore = encodedFirst.offsets.length - 1;
  for (const other of others) {
    const size = other.ids.length;
    if (out + size > store.length) store = resized(store, out, out + size);
    store.set(other.ids, out);
    for (let i = 1; i < other.offsets.length; i++) offsets[textsBefore + i] = out + other.offsets[i];
    out += size;
    textsBefore += other.offsets.length - 1;
  }
  return { ids: store.subarray(0, out), offsets, labels: labels.slice() };
}

/**
 * Adds `other`'s counts to `table` and `counts`; returns each of its ids' id in `table`, or -1
 * for a token left out. A token the table lacks is added only if `other` saw it at least `floor`
 * times, where `floor` is the count of the table's (maxSize)-th most frequent token: merged
 * counts are at least the table's, so the vocabulary's last count is at least `floor`, and a
 * token the table lacks has only `other`'s count. Leaving out the rest (on a million AG News rows,
 * ~900,000 tokens seen once: each row's number) cuts merging from 1.2–1.9 s to ~0.5 s. A bigram
 * whose word was left out is left out too: it was seen at most as often as that word.
 */
function addToTable(table: TokenTable, counts: TokenCounts, other: ReadTokens, floor: number): Int32Array<ArrayBuffer> {
  const { strings, firsts, seconds } = other.tokens;
  const ids = new Int32Array(strings.length);
  // A bigram's words come before it, so their ids here are known when it is reached.
  for (let id = 0; id < strings.length; id++) {
    const first = firsts[id];
    const pair = first >= 0;
    const one = pair ? ids[first] : -1;
    const two = pair ? ids[seconds[id]] : -1;
    let at = pair ? table.findPair(one, two) : table.findString(strings[id] ?? '');
    if (at < 0 && other.counts[id] >= floor && (!pair || (one >= 0 && two >= 0))) at = pair ? table.internPair(one, two) : table.internString(strings[id] ?? '');
    ids[id] = at;
  }
  counts.reserve(table.size);
  for (let id = 0; id < ids.length; id++) if (ids[id] >= 0) counts.addCounted(ids[id], other.counts[id], other.seenAsWord[id] === 1);
  return ids;
}

/**
 * `vocabularyFromCounts`' rules on the table's counts. Only tokens that can get in are written out
 * as strings: the vocabulary takes the most frequent first, so a token seen less often than
 * the (maxSize)-th most frequent one that the count rules keep never does. A million AG News rows
 * have ~2.3 million distinct tokens for 100,000 places; writing every bigram out was 0.8 s.
 */
function countedVocabulary(table: TokenTable, counts: TokenCounts, options: VocabularyOptions): Vocabulary {
  const kept = keptBy(table, counts, options);
  // maxSize - 2 places after <pad> and <unk>, and 2 more in case tokens spelt "<pad>" and "<unk>" are left out.
  const floor = countOfNth(table.size, kept, (id) => counts.count(id), options.maxSize);
  const buckets = new CountBuckets();
  for (let id = 0; id < table.size; id++) {
    const n = counts.count(id);
    if (n < floor || !kept(id)) continue;
    const token = table.token(id);
    if (!isReserved(token)) buckets.add(token, n);
  }
  return buckets.vocabulary(options.maxSize);
}

/** Whether the count rules keep a token: seen often enough (more for n-grams) and not too long. */
function keptBy(table: TokenTable, counts: TokenCounts, options: VocabularyOptions): (id: number) => boolean {
  return (id) => counts.count(id) >= minimumCount(counts.seenAsWord(id), options) && table.tokenLength(id) <= MAX_TOKEN_CHARS;
}

/** Counts below this are tallied in an array, the rare higher ones sorted. */
const TALLIED_COUNTS = 4096;

/**
 * The count of the n-th most frequent of the ids below `size` that `kept` keeps (all at least that
 * frequent are then at least n), or 0 when fewer than n are kept.
 */
function countOfNth(size: number, kept: (id: number) => boolean, count: (id: number) => number, n: number): number {
  const tally = new Int32Array(TALLIED_COUNTS);
  const high: number[] = [];
  for (let id = 0; id < size; id++) {
    if (!kept(id)) continue;
    const c = count(id);
    if (c < TALLIED_COUNTS) tally[c]++;
    else high.push(c);
  }
  if (high.length >= n) return high.sort((a, b) => b - a)[n - 1];
  let seen = high.length;
  for (let c = TALLIED_COUNTS - 1; c > 0; c--) {
    seen += tally[c];
    if (seen >= n) return c;
  }
  return 0;
}

/** How often each token id was seen, and whether ever as a word. */
export class TokenCounts {
  private counts = new Int32Array(1024);
  private words = new Uint8Array(1024);

  add(id: number, word: boolean): void {
    this.reserve(id + 1);
    this.counts[id]++;
    if (word) this.words[id] = 1;
  }

  /** Room for ids below `size`: then countWord and countOther need no check. */
  reserve(size: number): void {
    if (size <= this.counts.length) return;
    const capacity = Math.max(size, this.counts.length * 2);
    const counts = new Int32Array(capacity);
    counts.set(this.counts);
    this.counts = counts;
    const words = new Uint8Array(capacity);
    words.set(this.words);
    this.words = words;
  }

  /** `n` sightings of `id` counted elsewhere (another part of the texts). */
  addCounted(id: number, n: number, word: boolean): void {
    this.counts[id] += n;
    if (word) this.words[id] = 1;
  }

  /** The counts and word marks of ids below `size`, copied. */
  upTo(size: number): { counts: Int32Array<ArrayBuffer>; seenAsWord: Uint8Array<ArrayBuffer> } {
    this.reserve(size);
    return { counts: this.counts.slice(0, size), seenAsWord: this.words.slice(0, size) };
  }

  countWord(id: number): void {
    this.counts[id]++;
    this.words[id] = 1;
  }

  countOther(id: number): void {
    this.counts[id]++;
  }

  count(id: number): number {
    return this.counts[id];
  }

  seenAsWord(id: number): boolean {
    return this.words[id] === 1;
  }
}

/** Room for more tokens (`needed` at least): what the texts read so far predict for all of them, at least half again as much. */
function grown(store: Int32Array<ArrayBuffer>, size: number, textsRead: number, textsTotal: number, needed = 1): Int32Array<ArrayBuffer> {
  const predicted = textsRead > 0 ? Math.ceil((size / textsRead) * textsTotal * 1.05) : 0;
  return resized(store, size, Math.max(predicted, Math.ceil(store.length * 1.5), size + Math.max(1024, needed)));
}

function resized(store: Int32Array<ArrayBuffer>, size: number, capacity: number): Int32Array<ArrayBuffer> {
  if (capacity <= store.length) return store;
  const bigger = new Int32Array(capacity);
  bigger.set(store.subarray(0, size));
  return bigger;
}
