import { describe, expect, it } from 'vitest';
import { encodeText } from '../text/encode';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { DEFAULT_TOKENIZER } from '../text/tokenize';
import { OOV_ID } from '../text/types';
import { vocabularyFromTexts, vocabularyIndex } from '../text/vocabulary';
import { seenTokens } from './seenTokens';
import { tokenizeWithWords } from './textWords';

describe('seenTokens', () => {
  it.each([['thucnews_titles/thucnews_titles_dev.csv'], ['waimai_10k/waimai_10k.csv'], ['sms_spam/sms_spam.csv']])(
    '%s: the same ids as encodeText, cut or not',
    (file) => {
      const { texts } = readDataset(file);
      const index = vocabularyIndex(vocabularyFromTexts(texts.slice(0, 1500), DEFAULT_TOKENIZER, { maxSize: 50_000, minCount: 1 }));
      for (const sequenceLength of [256, 7]) {
        for (const text of [...texts.slice(1500, 1800), '', ' ', 'zzqx']) {
          const { words, tokens } = tokenizeWithWords(text, DEFAULT_TOKENIZER);
          const seen = seenTokens(tokens, words.length, index, sequenceLength);
          expect(Array.from(seen.ids)).toEqual(Array.from(encodeText(text, index, DEFAULT_TOKENIZER, sequenceLength)));
          expect(seen.placeholder).toBe(tokens.length === 0);
          if (seen.ids.length < sequenceLength) expect(seen.wordsCut).toBe(0);
        }
      }
    },
  );

  it('counts the words cut by the sequence length and covers each id with its words', () => {
    const index = new Map([['new', 2], ['york', 3], ['new york', 4]]);
    const { words, tokens } = tokenizeWithWords('New York is big', DEFAULT_TOKENIZER);
    const seen = seenTokens(tokens, words.length, index, 4);
    expect(Array.from(seen.ids)).toEqual([2, 3, 4, OOV_ID]); // new, york, "new york", is
    expect(Array.from(seen.firstWord)).toEqual([0, 1, 0, 2]);
    expect(Array.from(seen.lastWord)).toEqual([0, 1, 1, 2]);
    expect(seen.wordsCut).toBe(1); // "big"
  });

  it('feeds a text without tokens one placeholder <unk> covering no word', () => {
    const seen = seenTokens([], 0, new Map(), 256);
    expect(seen).toMatchObject({ placeholder: true, wordsCut: 0 });
    expect(Array.from(seen.ids)).toEqual([OOV_ID]);
    expect(Array.from(seen.firstWord)).toEqual([-1]);
  });
});
