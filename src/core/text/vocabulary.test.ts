import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { readDataset } from './fixtures.testutil';
import { DEFAULT_TOKENIZER, tokenize } from './tokenize';
import { OOV_ID, PAD_ID } from './types';
import { buildVocabulary, compareCodePoints, OOV_TOKEN, PAD_TOKEN, vocabularyFromTexts, vocabularyIndex } from './vocabulary';

const trecTokens = readDataset('trec/trec_train.csv').texts.map((text) => tokenize(text, DEFAULT_TOKENIZER));

/** A deterministic shuffle (no Math.random in tests either). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('buildVocabulary', () => {
  it('reserves <pad> = 0 and <unk> = 1, then orders by count, ties by code point', () => {
    const vocab = buildVocabulary([['b', 'a', 'c'], ['c', 'b'], ['c']], { maxSize: 10, minCount: 1 });
    expect(vocab.tokens).toEqual([PAD_TOKEN, OOV_TOKEN, 'c', 'b', 'a']);
    expect(vocab.tokens[PAD_ID]).toBe('<pad>');
    expect(vocab.tokens[OOV_ID]).toBe('<unk>');
  });

  it('breaks ties by code point, not UTF-16 code unit', () => {
    // U+FF5E sorts before U+20000 by code point; by code unit the surrogate 0xD840 comes first.
    const vocab = buildVocabulary([['𠀀', '～', 'z']], { maxSize: 10, minCount: 1 });
    expect(vocab.tokens.slice(2)).toEqual(['z', '～', '𠀀']);
    expect(compareCodePoints('～', '𠀀')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });

  it('applies minCount and counts the reserved entries in maxSize', () => {
    const lists = [['a', 'a', 'a', 'b', 'b', 'c']];
    expect(buildVocabulary(lists, { maxSize: 10, minCount: 2 }).tokens).toEqual(['<pad>', '<unk>', 'a', 'b']);
    expect(buildVocabulary(lists, { maxSize: 3, minCount: 1 }).tokens).toEqual(['<pad>', '<unk>', 'a']);
    expect(buildVocabulary(lists, { maxSize: 2, minCount: 1 }).tokens).toEqual(['<pad>', '<unk>']);
  });

  it('never lists the reserved tokens twice', () => {
    const vocab = buildVocabulary([['<unk>', '<pad>', '<unk>', 'x']], { maxSize: 10, minCount: 1 });
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', 'x']);
  });

  it('is the same for the same data in any order (real data: TREC train)', () => {
    const options = { maxSize: 5000, minCount: 2 };
    const first = buildVocabulary(trecTokens, options);
    const second = buildVocabulary(shuffled(trecTokens, 7), options);
    expect(second.tokens).toEqual(first.tokens);
    expect(first.tokens).toHaveLength(5000);
    expect(new Set(first.tokens).size).toBe(first.tokens.length);
    expect(first.tokens.slice(2, 5)).toEqual(['?', 'the', 'what']);
  });

  it('takes any iterable, e.g. a generator, read once', () => {
    function* lists(): Generator<string[]> {
      yield* trecTokens;
    }
    expect(buildVocabulary(lists(), { maxSize: 100, minCount: 1 })).toEqual(buildVocabulary(trecTokens, { maxSize: 100, minCount: 1 }));
  });

  it.each([
    [{ maxSize: 1, minCount: 1 }],
    [{ maxSize: 10.5, minCount: 1 }],
    [{ maxSize: 10, minCount: 0 }],
    [{ maxSize: Number.NaN, minCount: 1 }],
  ])('rejects %o', (options) => {
    expect(() => buildVocabulary([['a']], options)).toThrow(SiftError);
  });
});

describe('vocabularyFromTexts', () => {
  it('equals buildVocabulary over the tokenized texts (real data: waimai reviews)', () => {
    const texts = readDataset('waimai_10k/waimai_10k.csv').texts.slice(0, 3000);
    const options = { maxSize: 8000, minCount: 1 };
    const vocab = vocabularyFromTexts(texts, DEFAULT_TOKENIZER, options);
    expect(vocab).toEqual(buildVocabulary(texts.map((t) => tokenize(t, DEFAULT_TOKENIZER)), options));
    expect(vocab.tokens).toHaveLength(8000);
  });
});

describe('vocabularyIndex', () => {
  it('maps every token to its id', () => {
    const vocab = buildVocabulary(trecTokens, { maxSize: 1000, minCount: 1 });
    const index = vocabularyIndex(vocab);
    expect(index.size).toBe(1000);
    vocab.tokens.forEach((token, id) => expect(index.get(token)).toBe(id));
  });

  it('rejects a vocabulary without the reserved entries', () => {
    expect(() => vocabularyIndex({ tokens: ['a', 'b'] })).toThrow(/<pad>/);
  });
});
