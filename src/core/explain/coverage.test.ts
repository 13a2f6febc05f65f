import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER } from '../text/tokenize';
import { coverageSentence, guessSentence, wordCoverage, wordKnowledge } from './coverage';
import { seenTokens } from './seenTokens';
import { tokenizeWithWords } from './textWords';

const vocabulary = ['<pad>', '<unk>', 'call', 'now', 'free', '!', '。', '模型', '模', '时代', '大'];
const index = new Map(vocabulary.map((t, id) => [t, id]));

function coverageOf(text: string, sequenceLength = 256) {
  const { words, tokens } = tokenizeWithWords(text, DEFAULT_TOKENIZER);
  return wordCoverage({ words, tokens }, seenTokens(tokens, words.length, index, sequenceLength), index);
}

describe('wordCoverage', () => {
  it.each([
    ['all known', 'Call now!', { words: 2, known: 2, partlyKnown: 0, wordsCut: 0, defaultAnswer: false, guess: false }],
    ['some known, punctuation not counted', 'Call me now, dear friend!', { words: 5, known: 2, partlyKnown: 0, defaultAnswer: false, guess: false }],
    ['few known: a guess, though not the default answer', 'call me when you get home tonight please', { words: 8, known: 1, defaultAnswer: false, guess: true }],
    ['nothing known: the default answer', 'asdf qwer zxcv', { words: 3, known: 0, defaultAnswer: true, guess: true }],
    ['only a known punctuation mark: no words, a guess', '。', { words: 0, known: 0, defaultAnswer: false, guess: true }],
    ['empty text: the default answer', '', { words: 0, known: 0, defaultAnswer: true, guess: true }],
    ['an unseen compound known through its characters', '大模型时代', { words: 3, known: 3, partlyKnown: 0, guess: false }],
    ['a word known only by a character piece', '模特时代', { words: 2, known: 1, partlyKnown: 1, guess: false }],
  ])('%s', (_name, text, expected) => {
    expect(coverageOf(text)).toMatchObject(expected);
  });

  it('counts the words cut by the sequence length', () => {
    expect(coverageOf('call now free call now', 3)).toMatchObject({ words: 5, known: 5, wordsCut: 2 });
  });

  it('says per word what the model knows of it: the word, a piece of it, or nothing', () => {
    expect(wordKnowledge(tokenizeWithWords('Call 模特, asdf!', DEFAULT_TOKENIZER), index)).toEqual(['known', 'part', 'unknown', 'unknown', 'known']); // ',' is not in this vocabulary, '!' is
  });
});

describe('coverageSentence and guessSentence', () => {
  const base = { words: 7, known: 3, partlyKnown: 0, wordsCut: 0, defaultAnswer: false, guess: false };
  it.each([
    [base, '3 of 7 words are known to the model', null],
    [{ ...base, words: 1, known: 1 }, '1 of 1 word is known to the model', null],
    [{ ...base, partlyKnown: 2, wordsCut: 1 }, '3 of 7 words are known to the model; 2 more in part; the last 1 word was not read (the text is longer than the model reads)', null],
    [{ ...base, known: 1, guess: true }, '1 of 7 words are known to the model', 'Few of these words are known to the model: treat the prediction as a guess.'],
    [{ ...base, words: 0, known: 0, guess: true }, 'There are no words here, only punctuation or symbols', 'Treat the prediction as a guess.'],
    [{ ...base, known: 0, defaultAnswer: true, guess: true }, '0 of 7 words are known to the model', "None of these words appear in the training data: this is the model's default answer."],
  ])('%j', (coverage, sentence, guess) => {
    expect(coverageSentence(coverage)).toBe(sentence);
    expect(guessSentence(coverage)).toBe(guess);
  });
});
