/**
 * The tokens the model actually sees for a text, with the words each covers: the same ids as
 * `encodeText` (text/encode.ts) gives, by the same rules (an unknown word is <unk>, an unknown
 * bigram or character n-gram is dropped, at most `sequenceLength` ids, and a text with no ids at
 * all is fed one <unk>). A test checks that the ids agree with encodeText on real datasets.
 */
import { OOV_ID } from '../text/types';
import type { TextToken } from './textWords';

export interface SeenTokens {
  /** Vocabulary ids in text order, as the model sees them (1..sequenceLength of them). */
  ids: Int32Array;
  /** Words covered by ids[i]: firstWord[i]..lastWord[i]; -1 for the placeholder <unk>. */
  firstWord: Int32Array;
  lastWord: Int32Array;
  /**
   * True when the text gave no token, so `ids` is the single <unk> the model is fed instead: the
   * model's answer is then exactly its answer for an empty text.
   */
  placeholder: boolean;
  /**
   * Words after the last one any seen id covers (cut by the sequence length): they cannot matter.
   * Every word gives an id (<unk> at worst), so this is 0 unless the text was cut.
   */
  wordsCut: number;
}

export function seenTokens(tokens: readonly TextToken[], wordCount: number, index: ReadonlyMap<string, number>, sequenceLength: number): SeenTokens {
  const ids: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  let lastWordSeen = -1;
  for (const { token, kind, firstWord, lastWord } of tokens) {
    if (ids.length >= sequenceLength) break;
    const id = index.get(token) ?? (kind === 'word' ? OOV_ID : -1);
    if (id < 0) continue;
    lastWordSeen = Math.max(lastWordSeen, lastWord);
    ids.push(id);
    first.push(firstWord);
    last.push(lastWord);
  }
  const placeholder = ids.length === 0;
  if (placeholder) {
    ids.push(OOV_ID);
    first.push(-1);
    last.push(-1);
  }
  return {
    ids: Int32Array.from(ids),
    firstWord: Int32Array.from(first),
    lastWord: Int32Array.from(last),
    placeholder,
    wordsCut: wordCount - 1 - lastWordSeen,
  };
}
