import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { DEFAULT_TOKENIZER, type TokenKind } from '../text/tokenize';
import { handModel } from '../../../tests/helpers/explainHandModel';
import { linearHead } from '../../../tests/helpers/explainPlainHead';
import { topWordsPerClass, vocabularyWords } from './topWords';

describe('vocabularyWords', () => {
  it('keeps whole words with their one-word texts, leaves out bigrams, n-grams, punctuation and the reserved tokens', () => {
    const tokens = ['<pad>', '<unk>', 'free', 'new york', '!', '模型', '模', '型', '间很', '£', 'call', '...'];
    const index = new Map(tokens.map((t, id) => [t, id]));
    const candidates = vocabularyWords(tokens, DEFAULT_TOKENIZER, index);
    expect(candidates.map((c) => `${c.word}:${Array.from(c.ids).join(',')}`)).toEqual([
      'free:2',
      '模型:6,5,7', // typed alone, 模型 is seen with its characters 模 and 型
      '模:6',
      '型:7',
      'call:10',
    ]);
    // With the kinds training saw, a token seen only as a character piece is left out.
    const kinds = tokens.map((t): TokenKind => (t === '模' || t === '型' ? 'char' : t.includes(' ') ? 'bigram' : 'word'));
    expect(vocabularyWords(tokens, DEFAULT_TOKENIZER, index, kinds).map((c) => c.word)).toEqual(['free', '模型', 'call']);
  });
});

describe('topWordsPerClass on a hand-made model', () => {
  // Three classes, a linear head: class c's logit is the mean row's component c.
  const { model, tokens, encoding } = handModel(
    { a: [3, 0, 0], b: [1, 0, 0], c: [0, 2, 0], d: [0, 0, 0.5], e: [0, 0, -1] },
    linearHead([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0]),
    3,
  );

  it('ranks words by how much they raise each class above the empty text, positive only', () => {
    const top = topWordsPerClass(vocabularyWords(tokens, DEFAULT_TOKENIZER, encoding.index), model, 2);
    // e lowers class 2, which raises class 1's odds a little.
    expect(top.map((list) => list.map((w) => w.word))).toEqual([['a', 'b'], ['c', 'e'], ['d']]);
    expect(top[0][0].score).toBeCloseTo(3, 6); // log-odds of class 0: "a" 3 − log 2, "" −log 2
    expect(top[1][1].score).toBeCloseTo(Math.log(2) - Math.log(1 + Math.exp(-1)), 6);
    expect(top.flat().every((w) => w.score > 0)).toBe(true);
  });

  it('rejects a count below 1', () => {
    expect(() => topWordsPerClass([], model, 0)).toThrow(SiftError);
  });
});
