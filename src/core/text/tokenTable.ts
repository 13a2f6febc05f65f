import { HASH_SEED, hashStep } from './fastWords';
import { BIGRAM_SEPARATOR } from './tokenize';

/**
 * Distinct tokens under dense ids (0, 1, 2… in the order first seen), found without making a
 * string per occurrence: a word is looked up by its characters inside the text it was read from,
 * a word bigram by the ids of its two words. A JavaScript Map needs a string per token to look
 * up, and making (and hashing, and collecting) ~100 million of them was most of the time to
 * tokenise a million AG News texts. Strings are made once per distinct word; a bigram's string
 * only when asked for (`token`), which the vocabulary does for the few it keeps.
 *
 * A bigram's string is its words joined by BIGRAM_SEPARATOR, and a pair of words gives the same
 * string as no other pair or word does (see `splitBigram`), so a token has one id however it was
 * found: by characters, as a string, or as a pair.
 */
export class TokenTable {
  /** Each id's string; null for a pair not yet written out. */
  private strings: (string | null)[] = [];
  /** A pair's first and second word ids; -1 for a string. */
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  /**
   * Open addressing with linear probing, kept at most half full. A slot holds what a probe
   * compares (a string's hash; a pair's two ids) beside id + 1 (0: empty), so that a probe reads
   * one place in memory: with millions of distinct bigrams, each lookup elsewhere is a cache miss.
   * A string slot also holds where the string's characters start in `characters`, and its length:
   * a word found by hash is checked against those rather than its string, which is two more
   * reads elsewhere (`strings`, then the string) and a call (measured: see docs/decisions.md,
   * 2026-11-30).
   */
  private stringSlots: Int32Array = new Int32Array(STRING_SLOT * 2048);
  private pairSlots: Int32Array = new Int32Array(3 * 2048);
  /** Every string's characters, one after another in id order. */
  private characters: Uint16Array = new Uint16Array(16 * 1024);
  private charactersUsed = 0;
  private stringCount = 0;
  private pairCount = 0;
  /** touchPairs' sum: written so that its reads have a use. */
  private touched = 0;

  /** Ids given so far: every id is below this. */
  get size(): number {
    return this.strings.length;
  }

  /** Id of text[start, end) as a word or character token; -1 when unknown. */
  findRange(text: string, start: number, end: number, hash: number = hashRange(text, start, end)): number {
    return this.rangeSlot(text, start, end, hash, false);
  }

  /** Id of text[start, end), given one if new. `hash`: hashRange's, when the caller has it already (the scanner). */
  internRange(text: string, start: number, end: number, hash: number = hashRange(text, start, end)): number {
    return this.rangeSlot(text, start, end, hash, true);
  }

  findString(token: string): number {
    return this.rangeSlot(token, 0, token.length, hashRange(token, 0, token.length), false);
  }

  internString(token: string): number {
    return this.rangeSlot(token, 0, token.length, hashRange(token, 0, token.length), true);
  }

  /** Id of the bigram of words `first` and `second` (ids); -1 when unknown or a word is (-1). */
  findPair(first: number, second: number): number {
    if (first < 0 || second < 0) return -1;
    return this.pairSlot(first, second, false);
  }

  internPair(first: number, second: number): number {
    return this.pairSlot(first, second, true);
  }

  /** The token's string (a bigram's is written out here, and kept). */
  token(id: number): string {
    const known = this.strings[id];
    if (known !== null) return known;
    const written = this.token(this.firsts[id]) + BIGRAM_SEPARATOR + this.token(this.seconds[id]);
    this.strings[id] = written;
    return written;
  }

  /** The token's length in UTF-16 units, without writing a bigram out. */
  tokenLength(id: number): number {
    const known = this.strings[id];
    if (known !== null) return known.length;
    return this.tokenLength(this.firsts[id]) + BIGRAM_SEPARATOR.length + this.tokenLength(this.seconds[id]);
  }

  /** True for a word bigram (found as a pair of words). */
  isPair(id: number): boolean {
    return this.firsts[id] >= 0;
  }

  /** The id of a string the table may know as a word, a character n-gram or a bigram; -1 if not. */
  findToken(token: string): number {
    const bigram = splitBigram(token);
    if (bigram === null) return this.findString(token);
    return this.findPair(this.findString(bigram[0]), this.findString(bigram[1]));
  }

  /** `findToken`, giving the token (and a bigram's words) an id when new. */
  internToken(token: string): number {
    const bigram = splitBigram(token);
    if (bigram === null) return this.internString(token);
    return this.internPair(this.internString(bigram[0]), this.internString(bigram[1]));
  }

  /**
   * Reads the first slot of each bigram of `words[0..count)` (ids); their sum is kept in a field
   * so that the reads are not optimised away. JavaScript has no prefetch: these loads do not
   * depend on one another, so their cache misses overlap, and the lookups that follow find the
   * slots in cache (with millions of distinct bigrams most lookups miss; ~10% less time to read
   * a million AG News rows, docs/decisions.md). The same for words gained nothing.
   */
  touchPairs(words: Int32Array, count: number): void {
    const slots = this.pairSlots;
    const mask = slots.length / 3 - 1;
    let sum = 0;
    for (let k = 1; k < count; k++) sum += slots[3 * (hashPair(words[k - 1], words[k]) & mask)];
    this.touched = sum;
  }

  /** Every token as plain data, by id: what another thread sends back (see trainingCorpus.ts). */
  tokens(): TableTokens {
    const size = this.size;
    return { strings: this.strings.slice(), firsts: this.firsts.slice(0, size), seconds: this.seconds.slice(0, size) };
  }

  private rangeSlot(text: string, start: number, end: number, hash: number, intern: boolean): number {
    const slots = this.stringSlots;
    const mask = slots.length / STRING_SLOT - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = STRING_SLOT * slot;
      const entry = slots[at + 1];
      if (entry === 0) {
        if (!intern) return -1;
        const id = this.add(detachedSlice(text, start, end), -1, -1);
        slots[at] = hash;
        slots[at + 1] = id + 1;
        slots[at + 2] = this.keepCharacters(text, start, end);
        slots[at + 3] = length;
        if (++this.stringCount * 2 * STRING_SLOT > slots.length) this.stringSlots = rehashStrings(slots);
        return id;
      }
      if (slots[at] !== hash || slots[at + 3] !== length) continue;
      const characters = this.characters;
      let i = 0;
      for (let from = slots[at + 2]; i < length && characters[from + i] === text.charCodeAt(start + i); i++);
      if (i === length) return entry - 1;
    }
  }

  /** Appends text[start, end) to `characters`; returns where it starts there. */
  private keepCharacters(text: string, start: number, end: number): number {
    const at = this.charactersUsed;
    if (at + (end - start) > this.characters.length) {
      const bigger = new Uint16Array(Math.max(2 * this.characters.length, at + (end - start)));
      bigger.set(this.characters.subarray(0, at));
      this.characters = bigger;
    }
    for (let i = start; i < end; i++) this.characters[at + i - start] = text.charCodeAt(i);
    this.charactersUsed = at + (end - start);
    return at;
  }

  private pairSlot(first: number, second: number, intern: boolean): number {
    const slots = this.pairSlots;
    const mask = slots.length / 3 - 1;
    for (let slot = hashPair(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = 3 * slot;
      const entry = slots[at + 2];
      if (entry === 0) {
        if (!intern) return -1;
        const id = this.add(null, first, second);
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = id + 1;
        if (++this.pairCount * 6 > slots.length) this.pairSlots = rehashPairs(slots);
        return id;
      }
      if (slots[at] === first && slots[at + 1] === second) return entry - 1;
    }
  }

  private add(token: string | null, first: number, second: number): number {
    const id = this.strings.length;
    if (id === this.firsts.length) {
      this.firsts = grown(this.firsts);
      this.seconds = grown(this.seconds);
    }
    this.strings.push(token);
    this.firsts[id] = first;
    this.seconds[id] = second;
    return id;
  }
}

/**
 * A table's tokens by id: a string's string, or a bigram's two word ids (`firsts[id]`,
 * `seconds[id]`; -1 for a string, whose entry in `strings` is then its string).
 */
export interface TableTokens {
  strings: (string | null)[];
  firsts: Int32Array<ArrayBuffer>;
  seconds: Int32Array<ArrayBuffer>;
}

/** Twice the slots; each entry goes where its hash puts it. */
function rehashStrings(old: Int32Array): Int32Array {
  const slots = new Int32Array(old.length * 2);
  const mask = (slots.length >> 2) - 1;
  for (let at = 0; at < old.length; at += STRING_SLOT) {
    if (old[at + 1] === 0) continue;
    let slot = old[at] & mask;
    while (slots[STRING_SLOT * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots.set(old.subarray(at, at + STRING_SLOT), STRING_SLOT * slot);
  }
  return slots;
}

/** Int32 values per string slot: hash, id + 1, start in `characters`, length. */
const STRING_SLOT = 4;

function rehashPairs(old: Int32Array): Int32Array {
  const slots = new Int32Array(old.length * 2);
  const mask = slots.length / 3 - 1;
  for (let at = 0; at < old.length; at += 3) {
    if (old[at + 2] === 0) continue;
    let slot = hashPair(old[at], old[at + 1]) & mask;
    while (slots[3 * slot + 2] !== 0) slot = (slot + 1) & mask;
    slots.set(old.subarray(at, at + 3), 3 * slot);
  }
  return slots;
}

/** The hash the scanner computes while reading a word (fastWords.ts hashStep). */
export function hashRange(text: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function hashPair(first: number, second: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ second, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * V8 keeps a long substring as a view of the string it was cut from: a token kept in the table
 * (and, for the vocabulary's, in the model) would keep its whole text alive. Joining and cutting
 * once makes it a string of its own.
 */
function detachedSlice(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  return slice.length < 13 ? slice : `${slice} `.slice(0, -1);
}

/**
 * A bigram's two words, or null when `token` is not a bigram. A word never holds a space after
 * its first non-space character: the only words with spaces are spaces followed by combining
 * marks (NFKC turns "´" into " \u0301", and UAX #29 attaches the marks to the space). So the
 * separator is the first space after a non-space character, and what follows it must be a word.
 */
export function splitBigram(token: string): [string, string] | null {
  let i = 0;
  while (i < token.length && token[i] === BIGRAM_SEPARATOR) i++;
  const separator = token.indexOf(BIGRAM_SEPARATOR, i + 1);
  if (i === token.length || separator < 0) return null;
  const second = token.slice(separator + 1);
  let j = 0;
  while (j < second.length && second[j] === BIGRAM_SEPARATOR) j++;
  if (j === second.length || second.indexOf(BIGRAM_SEPARATOR, j + 1) >= 0) return null;
  return [token.slice(0, separator), second];
}
