import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { Predictor } from '../predictor';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { exportBundle } from './export';
import { compareWeightFormats, exportAsMeasured, validationExamplesOf } from './formatChoice';
import { importBundle } from './import';
import { trecModel } from '../../../tests/helpers/testModel';
import type { SiftManifest } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const model = trecModel();
const { texts, labels } = readDataset('trec/trec_test.csv');
const test: Example[] = texts.map((text, i) => ({ text, label: labels[i], row: i + 1 }));

const accuracyOfFile = async (bytes: Uint8Array): Promise<number> => {
  const predictor = Predictor.create(await importBundle(bytes));
  return predictor.evaluate(test).accuracy;
};

describe('compareWeightFormats', () => {
  it('gives each format its file size and its accuracy as read back from that file', async () => {
    const outcomes = await compareWeightFormats(model, test);
    expect(outcomes.map((o) => o.format)).toEqual(['float32', 'float16', 'uint8']);
    const [float32, float16, uint8] = outcomes;
    expect(float16.bytes).toBeLessThan(float32.bytes);
    expect(uint8.bytes).toBeLessThan(float16.bytes);
    for (const outcome of outcomes) {
      expect(outcome.bytes).toBe((await exportBundle(model, { weights: outcome.format })).byteLength);
      expect(outcome.metrics?.examples).toBe(test.length);
      expect(outcome.metrics?.accuracy).toBe(await accuracyOfFile(await exportBundle(model, { weights: outcome.format })));
    }
  });

  it('gives sizes only when there is nothing to measure on, and leaves no tensor behind', async () => {
    await compareWeightFormats(model, test.slice(0, 5)); // warm-up: tfjs keeps a few tensors of its own once
    const before = tf.memory().numTensors;
    const outcomes = await compareWeightFormats(model, []);
    expect(outcomes.map((o) => o.metrics)).toEqual([null, null, null]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('exportAsMeasured', () => {
  it('writes the metrics of the model the file holds, measured on the same examples', async () => {
    const validation = test.slice(0, 200);
    const saved = await exportAsMeasured(model, { validation, test }, 'uint8');
    const manifest = JSON.parse(strFromU8(unzipSync(saved.bytes)['sift.json'])) as SiftManifest;
    expect(manifest.metrics.test?.accuracy).toBe(await accuracyOfFile(saved.bytes));
    expect(manifest.metrics.validation?.examples).toBe(200);
    expect(saved.model.manifest.metrics).toEqual(manifest.metrics);
    expect(strFromU8(unzipSync(saved.bytes)['README.md'])).toContain(`accuracy ${(100 * (manifest.metrics.test?.accuracy ?? 0)).toFixed(1)}%`);
    // The weights are those of the file, not the trained float32 ones.
    expect(saved.model.weights.embedding).toEqual((await importBundle(saved.bytes)).weights.embedding);
  });

  it('keeps the metrics training measured when there are no examples, or the weights are exact', async () => {
    const kept = await exportAsMeasured(model, { validation: null, test: null }, 'uint8');
    expect(kept.model.manifest.metrics).toEqual(model.manifest.metrics);
    const exact = await exportAsMeasured(model, { validation: test, test }, 'float32');
    expect(exact.bytes).toEqual(await exportBundle(model, { weights: 'float32' }));
  });
});

describe('validationExamplesOf', () => {
  it('is the seeded split training used', () => {
    const examples: Example[] = Array.from({ length: 100 }, (_, i) => ({ text: `text ${i}`, label: i % 3 === 0 ? 'a' : 'b', row: i + 1 }));
    const validation = validationExamplesOf(model, examples);
    expect(validation.length).toBe(Math.round(34 * 0.1) + Math.round(66 * 0.1));
    expect(validationExamplesOf(model, examples)).toEqual(validation);
    const otherSeed = validationExamplesOf({ ...model, manifest: { ...model.manifest, settings: { ...model.manifest.settings, seed: 7 } } }, examples);
    expect(otherSeed).not.toEqual(validation);
  });
});
