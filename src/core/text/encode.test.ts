import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { encodeText, encodeTexts } from './encode';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { DEFAULT_TOKENIZER, tokenize } from './tokenize';
import { OOV_ID, PAD_ID, type EncodedCorpus, type TokenizerConfig, type Vocabulary } from './types';
import { buildVocabulary, vocabularyIndex } from './vocabulary';

const SMALL: Vocabulary = { tokens: ['<pad>', '<unk>', 'new', 'york', 'new york', 'is', '大', '模型', '大模'] };
const rows = (corpus: EncodedCorpus): number[][] =>
  Array.from({ length: corpus.offsets.length - 1 }, (_, i) => Array.from(corpus.ids.subarray(corpus.offsets[i], corpus.offsets[i + 1])));

describe('encodeTexts', () => {
  it('maps unknown words to <unk> and drops unknown bigrams and character n-grams', () => {
    const corpus = encodeTexts(['New York is big', '大模型时代'], null, SMALL, DEFAULT_TOKENIZER, 100);
    // new, york, "new york", is, ("york is" dropped), big → <unk>, ("is big" dropped)
    expect(rows(corpus)[0]).toEqual([2, 3, 4, 5, OOV_ID]);
    // 大, (模 dropped), 大模, 模型, ("大 模型" dropped), (型…) , 时代 → <unk>, …
    expect(rows(corpus)[1]).toEqual([6, 8, 7, OOV_ID]);
    expect(corpus.labels).toHaveLength(0);
  });

  it('gives a text without any known or unknown word a single <unk>', () => {
    const corpus = encodeTexts(['', '   \n', 'new'], null, SMALL, DEFAULT_TOKENIZER, 10);
    expect(rows(corpus)).toEqual([[OOV_ID], [OOV_ID], [2]]);
    expect(Array.from(corpus.offsets)).toEqual([0, 1, 2, 3]);
  });

  it('truncates to the sequence length, keeping the start of the text', () => {
    const full = encodeTexts(['new york is new york is new york'], null, SMALL, DEFAULT_TOKENIZER, 1000);
    for (const length of [1, 2, 5, 7]) {
      const cut = encodeTexts(['new york is new york is new york'], null, SMALL, DEFAULT_TOKENIZER, length);
      expect(Array.from(cut.ids)).toEqual(Array.from(full.ids.subarray(0, length)));
    }
  });

  it('copies the labels and checks their count', () => {
    const labels = Int32Array.from([1, 0]);
    const corpus = encodeTexts(['a', 'b'], labels, SMALL, DEFAULT_TOKENIZER, 4);
    labels[0] = 9;
    expect(Array.from(corpus.labels)).toEqual([1, 0]);
    expect(() => encodeTexts(['a'], labels, SMALL, DEFAULT_TOKENIZER, 4)).toThrow(SiftError);
  });

  it.each([[0], [-1], [2.5], [Number.NaN]])('rejects sequence length %d', (length) => {
    expect(() => encodeTexts(['a'], null, SMALL, DEFAULT_TOKENIZER, length)).toThrow(SiftError);
  });

  it.each([
    ['trec/trec_train.csv', 'trec/trec_test.csv'],
    ['thucnews_titles/thucnews_titles_dev.csv', 'thucnews_titles/thucnews_titles_test.csv'],
  ])('encodes real data with a vocabulary from the training split (%s → %s)', (trainFile, testFile) => {
    const train = readDataset(trainFile).texts;
    const test = readDataset(testFile).texts;
    const vocab = buildVocabulary(train.map((t) => tokenize(t, DEFAULT_TOKENIZER)), { maxSize: 20_000, minCount: 1 });
    const corpus = encodeTexts(test, null, vocab, DEFAULT_TOKENIZER, 64);
    expect(corpus.offsets).toHaveLength(test.length + 1);
    const lengths = Array.from({ length: test.length }, (_, i) => corpus.offsets[i + 1] - corpus.offsets[i]);
    expect(lengths.every((length) => length >= 1 && length <= 64)).toBe(true);
    const sorted = corpus.ids.slice().sort();
    expect(sorted[0]).toBeGreaterThan(PAD_ID);
    expect(sorted[sorted.length - 1]).toBeLessThan(vocab.tokens.length);
    const oov = corpus.ids.filter((id) => id === OOV_ID).length;
    // Most test tokens are known, but unseen words exist and become <unk>.
    expect(oov).toBeGreaterThan(0);
    expect(oov / corpus.ids.length).toBeLessThan(0.15);
  });

  it('reproduces the same ids from a JSON round trip of the tokenizer and vocabulary', () => {
    const texts = [...readDataset('sms_spam/sms_spam.csv').texts.slice(0, 2000), ...readDataset('waimai_10k/waimai_10k.csv').texts.slice(0, 2000)];
    const config: TokenizerConfig = { ...DEFAULT_TOKENIZER, cjkCharNgrams: 3 };
    const vocab = buildVocabulary(texts.map((t) => tokenize(t, config)), { maxSize: 30_000, minCount: 1 });
    const before = encodeTexts(texts, null, vocab, config, 128);
    const restored = JSON.parse(JSON.stringify({ config, vocab: vocab.tokens })) as { config: TokenizerConfig; vocab: string[] };
    const after = encodeTexts(texts, null, { tokens: restored.vocab }, restored.config, 128);
    expect(after.ids).toEqual(before.ids);
    expect(after.offsets).toEqual(before.offsets);
  });
});

describe('encodeText', () => {
  it('gives the same ids as encodeTexts', () => {
    const texts = readDataset('trec/trec_test.csv').texts;
    const vocab = buildVocabulary(texts.slice(0, 300).map((t) => tokenize(t, DEFAULT_TOKENIZER)), { maxSize: 2000, minCount: 1 });
    const index = vocabularyIndex(vocab);
    const corpus = encodeTexts(texts, null, vocab, DEFAULT_TOKENIZER, 16);
    texts.forEach((text, i) => {
      expect(encodeText(text, index, DEFAULT_TOKENIZER, 16)).toEqual(corpus.ids.slice(corpus.offsets[i], corpus.offsets[i + 1]));
    });
    expect(Array.from(encodeText('new york is big', vocabularyIndex(SMALL), DEFAULT_TOKENIZER, 10))).toEqual([2, 3, 4, 5, OOV_ID]);
  });
});

describe('encodeTexts against the string path', () => {
  /** encodeText (a Map from token string to id) on each text: the reference. */
  const byStrings = (texts: string[], vocab: Vocabulary, config: TokenizerConfig, length: number): number[][] => {
    const index = vocabularyIndex(vocab);
    return texts.map((text) => Array.from(encodeText(text, index, config, length)));
  };

  it.each([
    ['trec/trec_test.csv', 64],
    ['sms_spam/sms_spam.csv', 8],
    ['thucnews_titles/thucnews_titles_test.csv', 48],
  ])('gives the ids encodeText gives, text by text (%s, length %i)', (file, length) => {
    const texts = readDataset(file).texts.slice(0, 1200);
    const vocab = buildVocabulary(texts.slice(0, 600).map((t) => tokenize(t, DEFAULT_TOKENIZER)), { maxSize: 3000, minCount: 1 });
    expect(rows(encodeTexts(texts, null, vocab, DEFAULT_TOKENIZER, length))).toEqual(byStrings(texts, vocab, DEFAULT_TOKENIZER, length));
  });

  it('handles vocabularies no training makes: a bigram without its words, a token twice, tokens no text gives', () => {
    const vocab: Vocabulary = { tokens: ['<pad>', '<unk>', 'new york', 'york', 'york', 'a b c', 'x ', ' \u0301', 'don \u0301t', 'don', '<phone>'] };
    const texts = ['New York, new york', 'don´t', 'a b c x', 'call 020 7946 0958', 'york new'];
    expect(rows(encodeTexts(texts, null, vocab, DEFAULT_TOKENIZER, 20))).toEqual(byStrings(texts, vocab, DEFAULT_TOKENIZER, 20));
    expect(rows(encodeTexts(['New York'], null, vocab, DEFAULT_TOKENIZER, 20))[0]).toEqual([OOV_ID, 3, 2]);
  });
});
