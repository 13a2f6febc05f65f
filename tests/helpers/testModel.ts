import { DEFAULT_SETTINGS } from '@/core/settings';
import type { Metrics, ModelWeights } from '@/core/model/types';
import { readDataset } from './textFixtures';
import { DEFAULT_TOKENIZER, tokenize } from '@/core/text/tokenize';
import { buildVocabulary } from '@/core/text/vocabulary';
import { BUNDLE_FORMAT_VERSION, type SiftModel } from '@/core/bundle/types';

/** Deterministic values in [-scale, scale) (a small LCG: tests take no unseeded randomness). */
function seededValues(length: number, seed: number, scale: number): Float32Array {
  const values = new Float32Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  return values;
}

function metricsFor(labels: string[]): Metrics {
  return {
    accuracy: 0.8125,
    macroF1: 0.79,
    examples: 500,
    labels,
    perClass: labels.map((label, i) => ({ label, precision: 0.8, recall: 0.75 + i / 100, f1: 0.77, support: 80 + i })),
    confusion: labels.map((_, i) => labels.map((__, j) => (i === j ? 70 : 2))),
  };
}

/**
 * A complete model as training would hand it over: vocabulary built from TREC's training texts,
 * TREC's six labels, and seeded random weights of the right shapes (no training: these tests are
 * about the file, not about learning).
 */
export function trecModel(options: { vocabularySize?: number; embeddingDim?: number; hiddenUnits?: number } = {}): SiftModel {
  const { vocabularySize = 3000, embeddingDim = 16, hiddenUnits = 12 } = options;
  const data = readDataset('trec/trec_train.csv');
  const labels = [...new Set(data.labels)].sort();
  const vocabulary = buildVocabulary(data.texts.map((t) => tokenize(t, DEFAULT_TOKENIZER)), { maxSize: vocabularySize, minCount: 1 }).tokens;
  const shape = { vocabSize: vocabulary.length, embeddingDim, hiddenUnits, numClasses: labels.length };
  const weights: ModelWeights = {
    shape,
    embedding: seededValues(shape.vocabSize * embeddingDim, 1, 0.5),
    hiddenKernel: seededValues(embeddingDim * hiddenUnits, 2, 0.6),
    hiddenBias: seededValues(hiddenUnits, 3, 0.1),
    outputKernel: seededValues(hiddenUnits * labels.length, 4, 0.6),
    outputBias: seededValues(labels.length, 5, 0.1),
  };
  const settings = { ...DEFAULT_SETTINGS, embeddingDim, hiddenUnits, vocabularySize };
  return {
    weights,
    manifest: {
      format: 'sift-model',
      formatVersion: BUNDLE_FORMAT_VERSION,
      name: 'TREC questions',
      createdAt: '2025-11-28T19:30:00.000Z',
      siftVersion: '0.1.0',
      labels,
      tokenizer: DEFAULT_TOKENIZER,
      vocabulary,
      sequenceLength: settings.sequenceLength,
      seed: settings.seed,
      settings,
      training: {
        history: [{ epoch: 1, loss: 1.2, accuracy: 0.6, valLoss: 1.1, valAccuracy: 0.62, examplesPerSecond: 900, seconds: 5.5 }],
        bestEpoch: 1,
        stopReason: 'completed',
        backend: 'cpu',
        seconds: 5.5,
        trainExamples: 4907,
        validationExamples: 545,
      },
      metrics: { validation: metricsFor(labels), test: null },
      dataset: { fileName: 'trec_train.csv', textColumn: 'text', labelColumn: 'label', rows: data.texts.length },
    },
  };
}
