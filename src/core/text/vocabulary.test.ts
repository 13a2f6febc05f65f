import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { DEFAULT_TOKENIZER, forEachToken, tokenize } from './tokenize';
import { OOV_ID, PAD_ID } from './types';
import { buildVocabulary, compareCodePoints, MAX_TOKEN_CHARS, NGRAM_MIN_COUNT, OOV_TOKEN, PAD_TOKEN, selectSmallest, vocabularyFromTexts, vocabularyIndex } from './vocabulary';

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

  it('leaves out tokens longer than MAX_TOKEN_CHARS, however often seen', () => {
    const blob = 'A'.repeat(MAX_TOKEN_CHARS + 1);
    const longest = 'b'.repeat(MAX_TOKEN_CHARS);
    const vocab = buildVocabulary([[blob, blob, longest, 'x']], { maxSize: 10, minCount: 1 });
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', longest, 'x']);
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

  it('equals a full sort by count, then code point, when the cut falls inside a count (real data: TREC train)', () => {
    const counts = new Map<string, number>();
    for (const token of trecTokens.flat()) counts.set(token, (counts.get(token) ?? 0) + 1);
    const reference = [...counts].sort(([a, n], [b, m]) => m - n || compareCodePoints(a, b)).map(([token]) => token);
    const ones = reference.filter((t) => counts.get(t) === 1).length;
    const maxSize = reference.length - Math.floor(ones / 2); // cuts the tokens seen once in half
    expect(buildVocabulary(trecTokens, { maxSize, minCount: 1 }).tokens).toEqual([PAD_TOKEN, OOV_TOKEN, ...reference.slice(0, maxSize - 2)]);
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
  it('equals buildVocabulary over the tokenized texts when minCount covers n-grams too (real data: waimai reviews)', () => {
    const texts = readDataset('waimai_10k/waimai_10k.csv').texts.slice(0, 3000);
    const options = { maxSize: 8000, minCount: NGRAM_MIN_COUNT };
    const vocab = vocabularyFromTexts(texts, DEFAULT_TOKENIZER, options);
    expect(vocab).toEqual(buildVocabulary(texts.map((t) => tokenize(t, DEFAULT_TOKENIZER)), options));
    expect(vocab.tokens).toHaveLength(8000);
  });

  it.each([
    { file: 'trec/trec_train.csv', minCount: 1 },
    { file: 'thucnews_titles/thucnews_titles_dev.csv', minCount: 1 },
    { file: 'thucnews_titles/thucnews_titles_dev.csv', minCount: 3 },
  ])('keeps words seen minCount times, n-grams only from NGRAM_MIN_COUNT ($file, minCount $minCount)', ({ file, minCount }) => {
    const texts = readDataset(file).texts.slice(0, 400);
    const counts = new Map<string, { n: number; word: boolean }>();
    for (const text of texts) {
      forEachToken(text, DEFAULT_TOKENIZER, (token, kind) => {
        const c = counts.get(token) ?? { n: 0, word: false };
        counts.set(token, { n: c.n + 1, word: c.word || kind === 'word' });
        return true;
      });
    }
    const kept = new Set(vocabularyFromTexts(texts, DEFAULT_TOKENIZER, { maxSize: 1_000_000, minCount }).tokens);
    const expected = [...counts].filter(([, c]) => c.n >= (c.word ? minCount : Math.max(minCount, NGRAM_MIN_COUNT))).map(([t]) => t);
    expect(kept).toEqual(new Set([PAD_TOKEN, OOV_TOKEN, ...expected]));
    // Both sides of the rule occur in the data: a word seen once kept, an n-gram seen once not.
    const once = [...counts].filter(([, c]) => c.n === 1);
    expect(once.some(([t, c]) => c.word && kept.has(t))).toBe(minCount === 1);
    expect(once.some(([t, c]) => !c.word && !kept.has(t))).toBe(true);
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

describe('selectSmallest', () => {
  const byValue = (a: number, b: number): number => a - b;

  it.each([0, 1, 7, 500, 999, 1000])('puts the %i smallest first (real data: TREC token lengths)', (k) => {
    const values = trecTokens.flat().slice(0, 1000).map((t) => t.length * 1000 + t.charCodeAt(0));
    const expected = [...values].sort(byValue).slice(0, k);
    const items = [...values];
    selectSmallest(items, k, byValue);
    expect(items.slice(0, k).sort(byValue)).toEqual(expected);
    expect([...items].sort(byValue)).toEqual([...values].sort(byValue));
  });

  it('handles runs of equal and already sorted values', () => {
    const items = [...Array.from({ length: 300 }, () => 5), ...Array.from({ length: 300 }, (_, i) => i)];
    selectSmallest(items, 250, byValue);
    expect(Math.max(...items.slice(0, 250))).toBeLessThanOrEqual(5);
    expect(items.slice(0, 250).filter((v) => v < 5)).toHaveLength(5);
  });
});
