/** Real data for the model's tests: slices of TREC-6 encoded with the project's own text module. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { createRandom } from '@/core/random';
import { splitDataset } from '@/core/dataset/split';
import type { Example } from '@/core/dataset/types';
import { DEFAULT_SETTINGS, tokenizerConfigOf, type TrainSettings } from '@/core/settings';
import { encodeTexts } from '@/core/text/encode';
import { tokenize } from '@/core/text/tokenize';
import type { EncodedCorpus, Vocabulary } from '@/core/text/types';
import { buildVocabulary, vocabularyIndex } from '@/core/text/vocabulary';
import type { Hyperparameters, ModelShape } from '@/core/model/types';

export function readExamples(relative: string): Example[] {
  const path = fileURLToPath(new URL(`../fixtures/datasets/${relative}`, import.meta.url));
  return loadDataset(new Uint8Array(readFileSync(path))).examples;
}

export interface EncodedFixture {
  labels: string[];
  vocabulary: Vocabulary;
  index: Map<string, number>;
  train: EncodedCorpus;
  validation: EncodedCorpus;
  shape: ModelShape;
  settings: TrainSettings;
}

/**
 * The first `count` rows of TREC's training file, split 80/20 (stratified, seeded) and encoded with
 * the default tokenizer, as the pipeline does.
 */
export function trecSlice(count: number, overrides: Partial<Hyperparameters> = {}): EncodedFixture {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const examples = readExamples('trec/trec_train.csv').slice(0, count);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const split = splitDataset(examples, { validationShare: 0.2, seed: 7 });
  const tokenizer = tokenizerConfigOf(settings);
  const vocabulary = buildVocabulary(
    split.train.map((e) => tokenize(e.text, tokenizer)),
    { maxSize: settings.vocabularySize, minCount: settings.minCount },
  );
  const encode = (part: Example[]): EncodedCorpus =>
    encodeTexts(part.map((e) => e.text), Int32Array.from(part, (e) => labelIndex.get(e.label) ?? 0), vocabulary, tokenizer, settings.sequenceLength);
  return {
    labels,
    vocabulary,
    index: vocabularyIndex(vocabulary),
    train: encode(split.train),
    validation: encode(split.validation),
    shape: { vocabSize: vocabulary.tokens.length, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits, numClasses: labels.length },
    settings,
  };
}

/** Seeded values in [-1, 1): test inputs that are arbitrary but the same on every run. */
export function randomValues(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tolerance);
}
