import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../dataset/load';
import { encodeText, encodeTexts } from './encode';
import { DEFAULT_TOKENIZER } from './tokenize';
import { encodeReadTexts, joinEncoded, readTokens, readTrainingTexts, vocabularyAndCorpus, vocabularyOfReadTexts } from './trainingCorpus';
import { vocabularyFromTexts, vocabularyIndex } from './vocabulary';
import type { EncodedCorpus, TokenizerConfig, Vocabulary } from './types';

/** The string path, one text at a time (a Map from token to id): the reference the id paths must match. */
function encodedByStrings(texts: readonly string[], vocabulary: Vocabulary, config: TokenizerConfig, sequenceLength: number): { ids: number[]; offsets: number[] } {
  const index = vocabularyIndex(vocabulary);
  const ids: number[] = [];
  const offsets = [0];
  for (const text of texts) {
    ids.push(...encodeText(text, index, config, sequenceLength));
    offsets.push(ids.length);
  }
  return { ids, offsets };
}

const plain = (corpus: EncodedCorpus) => ({ ids: Array.from(corpus.ids), offsets: Array.from(corpus.offsets) });

const cases = [
  { file: 'trec/trec_train.csv', rows: 1500, maxSize: 3000, sequenceLength: 12 },
  { file: 'thucnews_titles/thucnews_titles_dev.csv', rows: 800, maxSize: 3000, sequenceLength: 20 },
  { file: 'sms_spam/sms_spam.csv', rows: 800, maxSize: 50_000, sequenceLength: 256 },
  // Long texts cut short: tokens past the sequence length are counted but not kept.
  { file: 'sms_spam/sms_spam.csv', rows: 2000, maxSize: 2000, sequenceLength: 5 },
];
/** Texts of every path: no tokens, personal data, CJK, "´" (a word that starts with a space after NFKC), "a.b". */
const TRICKY = ['', '   ', 'Call 020 7946 0958 or jo@example.com', '大模型时代 and more', 'don´t ´ stop', 'e.g. a.b a:b 1.5', 'don´t ´ stop'];

describe('vocabularyAndCorpus', () => {
  it.each(cases)('tokenizing once gives the same vocabulary and ids as vocabularyFromTexts + encodeTexts ($file)', ({ file, rows, maxSize, sequenceLength }) => {
    const examples = loadDataset(new Uint8Array(readFileSync(`tests/fixtures/datasets/${file}`))).examples.slice(0, rows);
    const texts = [...examples.map((e) => e.text), ...TRICKY];
    const labels = Int32Array.from(texts, (_, i) => i % 3);
    const options = { maxSize, minCount: 1 };
    const expectedVocabulary = vocabularyFromTexts(texts, DEFAULT_TOKENIZER, options);
    const expected = encodeTexts(texts, labels, expectedVocabulary, DEFAULT_TOKENIZER, sequenceLength);
    const { vocabulary, corpus } = vocabularyAndCorpus(texts, labels, DEFAULT_TOKENIZER, options, sequenceLength);
    expect(vocabulary.tokens).toEqual(expectedVocabulary.tokens);
    expect(plain(corpus)).toEqual(plain(expected));
    expect(plain(corpus)).toEqual(encodedByStrings(texts, expectedVocabulary, DEFAULT_TOKENIZER, sequenceLength));
    expect(corpus.labels).toEqual(labels);
    // Where the vocabulary was cut, unknown words (<unk>) and dropped n-grams were exercised.
    if (maxSize < 50_000) expect(vocabulary.tokens.length).toBe(maxSize);
  });

  it.each([
    { file: 'sms_spam/sms_spam.csv', rows: 3000, cuts: [1400], sequenceLength: 256, maxSize: 4000 },
    // A small vocabulary: most of the second part's tokens cannot get in and are left out of the merge.
    { file: 'sms_spam/sms_spam.csv', rows: 3000, cuts: [1600], sequenceLength: 256, maxSize: 300 },
    { file: 'thucnews_titles/thucnews_titles_dev.csv', rows: 1200, cuts: [1, 500, 900], sequenceLength: 20, maxSize: 4000 },
    { file: 'thucnews_titles/thucnews_titles_dev.csv', rows: 1200, cuts: [700], sequenceLength: 20, maxSize: 500 },
    { file: 'trec/trec_train.csv', rows: 1500, cuts: [0, 700], sequenceLength: 6, maxSize: 4000 },
  ])('read in parts ($cuts) and merged, texts give what one pass gives ($file, vocabulary $maxSize)', ({ file, rows, cuts, sequenceLength, maxSize }) => {
    const examples = loadDataset(new Uint8Array(readFileSync(`tests/fixtures/datasets/${file}`))).examples.slice(0, rows);
    const texts = [...TRICKY, ...examples.map((e) => e.text), ...TRICKY];
    const labels = Int32Array.from(texts, (_, i) => i % 4);
    const options = { maxSize, minCount: 2 };
    const whole = vocabularyAndCorpus(texts, labels, DEFAULT_TOKENIZER, options, sequenceLength);

    const bounds = [0, ...cuts, texts.length];
    const parts = bounds.slice(1).map((end, k) => texts.slice(bounds[k], end));
    // The first part keeps its table; the others' tokens and encoded ids arrive as plain data, through a structured clone as from a thread.
    const first = readTrainingTexts(parts[0], DEFAULT_TOKENIZER, sequenceLength, { storeForTexts: texts.length });
    const others = parts.slice(1).map((part) => readTrainingTexts(part, DEFAULT_TOKENIZER, sequenceLength));
    const { vocabulary, finalIds } = vocabularyOfReadTexts(first, others.map((other) => structuredClone(readTokens(other))), options);
    const encoded = others.map((other, k) => structuredClone(encodeReadTexts(other, finalIds[k + 1], sequenceLength)));
    const merged = { vocabulary, corpus: joinEncoded(first, encodeReadTexts(first, finalIds[0], sequenceLength), encoded, labels) };
    // With a small vocabulary, tokens that could not get in were left out of the merged table.
    if (maxSize < 1000) expect(first.table.size).toBeLessThan(readTrainingTexts(texts, DEFAULT_TOKENIZER, sequenceLength).table.size);

    expect(merged.vocabulary.tokens).toEqual(whole.vocabulary.tokens);
    expect(plain(merged.corpus)).toEqual(plain(whole.corpus));
    expect(merged.corpus.labels).toEqual(labels);
  });

  it('keeps the same vocabulary when counts are in the thousands and the last place is a tie (SMS texts repeated)', () => {
    const sms = loadDataset(new Uint8Array(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv'))).examples.slice(0, 60).map((e) => e.text);
    const texts = Array.from({ length: 9000 }, (_, i) => sms[i % sms.length]);
    const labels = new Int32Array(texts.length);
    for (const maxSize of [3, 40, 400]) {
      const options = { maxSize, minCount: 1 };
      expect(vocabularyAndCorpus(texts, labels, DEFAULT_TOKENIZER, options, 64).vocabulary.tokens).toEqual(vocabularyFromTexts(texts, DEFAULT_TOKENIZER, options).tokens);
    }
  });

  it('refuses labels that do not match the texts of all parts', () => {
    const first = readTrainingTexts(['a b', 'c d'], DEFAULT_TOKENIZER, 8);
    const other = readTrainingTexts(['e f'], DEFAULT_TOKENIZER, 8);
    const { finalIds } = vocabularyOfReadTexts(first, [readTokens(other)], { maxSize: 10, minCount: 1 });
    const encoded = [encodeReadTexts(other, finalIds[1], 8)];
    expect(() => joinEncoded(first, encodeReadTexts(first, finalIds[0], 8), encoded, new Int32Array(2))).toThrow(/3 texts but 2 labels/);
  });
});
