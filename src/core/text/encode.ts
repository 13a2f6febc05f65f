import { SiftError } from '../errors';
import { fastTokenIds, forEachTokenId } from './tokenIds';
import { TokenTable } from './tokenTable';
import { forEachToken } from './tokenize';
import { OOV_ID, type EncodedCorpus, type TokenizerConfig, type Vocabulary } from './types';
import { checkReservedTokens } from './vocabulary';

/** A vocabulary as a TokenTable: the table's id → the vocabulary's id (-1: a bigram's word that is not itself in it). */
interface VocabularyTable {
  table: TokenTable;
  vocabularyId: Int32Array;
}

/** One table per vocabulary object, so encoding validation and test does not rebuild it. */
const tableCache = new WeakMap<Vocabulary, VocabularyTable>();

/** The vocabulary's tokens in a TokenTable, the first id of a token listed twice winning (as in vocabularyIndex). */
function vocabularyTable(vocab: Vocabulary): VocabularyTable {
  let cached = tableCache.get(vocab);
  if (cached === undefined) {
    checkReservedTokens(vocab);
    const table = new TokenTable();
    const ids: number[] = [];
    vocab.tokens.forEach((token, id) => {
      const tableId = table.internToken(token);
      while (ids.length < table.size) ids.push(-1);
      if (ids[tableId] < 0) ids[tableId] = id;
    });
    cached = { table, vocabularyId: Int32Array.from(ids) };
    tableCache.set(vocab, cached);
  }
  return cached;
}

function checkSequenceLength(sequenceLength: number): void {
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) {
    throw new SiftError('INVALID_OPTION', `The sequence length must be a whole number of at least 1 (got ${sequenceLength}).`);
  }
}

/**
 * Calls `emit(id)` for the ids of one text, at most `sequenceLength` of them: unknown words
 * become <unk> (id 1); unknown bigrams and character n-grams are dropped, as fastText drops them,
 * or <unk> would dominate the mean of every text. A text with no ids gets one <unk>, so its mean
 * is defined. Returns the number of ids emitted (≥ 1).
 */
function encodeInto(
  text: string,
  index: Map<string, number>,
  config: TokenizerConfig,
  sequenceLength: number,
  emit: (id: number) => void,
): number {
  let count = 0;
  forEachToken(text, config, (token, kind) => {
    const id = index.get(token);
    if (id !== undefined) emit(id);
    else if (kind === 'word') emit(OOV_ID);
    else return true;
    return ++count < sequenceLength;
  });
  if (count === 0) {
    emit(OOV_ID);
    count = 1;
  }
  return count;
}

/**
 * Encodes texts as a ragged corpus: ids of text i are ids[offsets[i] .. offsets[i+1]), between 1
 * and `sequenceLength` of them. `labels` (class index per text) is copied; null gives an
 * unlabelled corpus (empty labels).
 */
export function encodeTexts(
  texts: readonly string[],
  labels: Int32Array | null,
  vocab: Vocabulary,
  config: TokenizerConfig,
  sequenceLength: number,
  onProgress?: (fraction: number) => void,
): EncodedCorpus {
  checkSequenceLength(sequenceLength);
  if (labels !== null && labels.length !== texts.length) {
    throw new SiftError('INVALID_OPTION', `There are ${texts.length} texts but ${labels.length} labels.`);
  }
  const { table, vocabularyId } = vocabularyTable(vocab);
  const offsets = new Int32Array(texts.length + 1);
  let ids = new Int32Array(Math.max(16, texts.length * 32));
  let size = 0;
  const push = (id: number): void => {
    if (size === ids.length) ids = grownIds(ids, size + 1);
    ids[size++] = id;
  };
  texts.forEach((text, i) => {
    // encodeInto's rules, with tokens found in the table rather than made into strings.
    let count = 0;
    const fast = fastTokenIds(text, config, table, false);
    if (fast !== null) {
      // What the visitor below does, without a call per token (most texts take this path).
      const { words, pairs } = fast;
      const bigrams = config.wordBigrams;
      if (size + 2 * fast.count > ids.length) ids = grownIds(ids, size + 2 * fast.count);
      for (let k = 0; k < fast.count && count < sequenceLength; k++) {
        const word = words[k] >= 0 ? vocabularyId[words[k]] : -1;
        ids[size++] = word >= 0 ? word : OOV_ID;
        count++;
        if (bigrams && k > 0 && count < sequenceLength && pairs[k] >= 0) {
          const pair = vocabularyId[pairs[k]];
          if (pair >= 0) {
            ids[size++] = pair;
            count++;
          }
        }
      }
    } else {
      forEachTokenId(text, config, table, false, (tableId, kind) => {
        const id = tableId >= 0 ? vocabularyId[tableId] : -1;
        if (id >= 0) push(id);
        else if (kind === 'word') push(OOV_ID);
        else return true;
        return ++count < sequenceLength;
      });
    }
    if (count === 0) push(OOV_ID);
    offsets[i + 1] = size;
    onProgress?.((i + 1) / texts.length);
  });
  return { ids: ids.slice(0, size), offsets, labels: labels === null ? new Int32Array(0) : labels.slice() };
}

/** Ids of one text (1..sequenceLength of them), as `encodeTexts` gives them: for single predictions. */
export function encodeText(text: string, index: Map<string, number>, config: TokenizerConfig, sequenceLength: number): Int32Array {
  checkSequenceLength(sequenceLength);
  const ids: number[] = [];
  encodeInto(text, index, config, sequenceLength, (id) => ids.push(id));
  return Int32Array.from(ids);
}

/** Twice the room, or `needed` if more. */
function grownIds(ids: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(ids.length * 2, needed));
  grown.set(ids);
  return grown;
}
