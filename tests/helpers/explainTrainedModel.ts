/** Small real models for the explain module's behavioural tests, trained the way Sift trains. */
import type { Example } from '@/core/dataset/types';
import { useBackend } from '@/core/model/backend';
import { readExamples } from './modelFixtures';
import { trainFromExamples } from '@/core/pipeline';
import { resolveSettings, type TrainSettings } from '@/core/settings';
import { encodeText } from '@/core/text/encode';
import { vocabularyIndex } from '@/core/text/vocabulary';
import { pooledMean, type BagOfEmbeddings } from '@/core/explain/coalitionScorer';
import type { TextEncoding } from '@/core/explain/explainWords';
import { bagOf } from './explainPlainHead';

export interface TrainedFixture {
  labels: string[];
  vocabulary: string[];
  model: BagOfEmbeddings;
  encoding: TextEncoding;
  index: Map<string, number>;
  weights: Parameters<typeof bagOf>[0];
}

/** Trains on `examples` (wasm backend, seeded) with `overrides` of the default settings. */
export async function trainFixture(examples: Example[], overrides: Partial<TrainSettings> = {}): Promise<TrainedFixture> {
  await useBackend('wasm');
  const settings = resolveSettings({ backend: 'wasm', seed: 42, ...overrides });
  const { model } = await trainFromExamples({ examples, fileName: null, textColumn: 'text', labelColumn: 'label' }, settings);
  const { manifest, weights } = model;
  const index = vocabularyIndex({ tokens: manifest.vocabulary });
  return {
    labels: manifest.labels,
    vocabulary: manifest.vocabulary,
    model: bagOf(weights),
    index,
    encoding: { index, tokenizer: manifest.tokenizer, sequenceLength: manifest.sequenceLength },
    weights,
  };
}

export { readExamples };

/** Logits [texts × numClasses] of `texts`, encoded as for prediction, through the plain-JS head. */
export function logitsOf(fixture: TrainedFixture, texts: readonly string[]): Float32Array {
  const { model, encoding, index } = fixture;
  const pooled = new Float32Array(texts.length * model.dim);
  texts.forEach((text, i) => {
    const ids = encodeText(text, index, encoding.tokenizer, encoding.sequenceLength);
    pooled.set(pooledMean(model, ids), i * model.dim);
  });
  return model.headLogits(pooled, texts.length);
}
