import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../dataset/load';
import { encodeTexts } from './encode';
import { DEFAULT_TOKENIZER } from './tokenize';
import { vocabularyAndCorpus } from './trainingCorpus';
import { vocabularyFromTexts } from './vocabulary';

const cases = [
  { file: 'trec/trec_train.csv', rows: 1500, maxSize: 3000, sequenceLength: 12 },
  { file: 'thucnews_titles/thucnews_titles_dev.csv', rows: 800, maxSize: 3000, sequenceLength: 20 },
  { file: 'sms_spam/sms_spam.csv', rows: 800, maxSize: 50_000, sequenceLength: 256 },
];

describe('vocabularyAndCorpus', () => {
  it.each(cases)('tokenizing once gives the same vocabulary and ids as vocabularyFromTexts + encodeTexts ($file)', ({ file, rows, maxSize, sequenceLength }) => {
    const examples = loadDataset(new Uint8Array(readFileSync(`tests/fixtures/datasets/${file}`))).examples.slice(0, rows);
    const texts = [...examples.map((e) => e.text), '', '   '];
    const labels = Int32Array.from(texts, (_, i) => i % 3);
    const options = { maxSize, minCount: 1 };
    const expectedVocabulary = vocabularyFromTexts(texts, DEFAULT_TOKENIZER, options);
    const expected = encodeTexts(texts, labels, expectedVocabulary, DEFAULT_TOKENIZER, sequenceLength);
    const { vocabulary, corpus } = vocabularyAndCorpus(texts, labels, DEFAULT_TOKENIZER, options, sequenceLength);
    expect(vocabulary.tokens).toEqual(expectedVocabulary.tokens);
    expect(corpus.offsets).toEqual(expected.offsets);
    expect(corpus.ids).toEqual(expected.ids);
    expect(corpus.labels).toEqual(labels);
    // Where the vocabulary was cut, unknown words (<unk>) and dropped n-grams were exercised.
    if (maxSize < 50_000) expect(vocabulary.tokens.length).toBe(maxSize);
  });
});
