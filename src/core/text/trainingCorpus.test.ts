import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../dataset/load';
import { encodeText, encodeTexts } from './encode';
import { DEFAULT_TOKENIZER } from './tokenize';
import { vocabularyAndCorpus } from './trainingCorpus';
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
});
