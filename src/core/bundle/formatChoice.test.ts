import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { Predictor } from '../predictor';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { compareWeightFormats } from './formatChoice';
import { importBundle } from './import';
import { trecModel } from '../../../tests/helpers/testModel';
import type { SiftManifest } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const model = trecModel();
const { texts, labels } = readDataset('trec/trec_test.csv');
const examples: Example[] = texts.map((text, i) => ({ text, label: labels[i], row: i + 1 }));
const validation = examples.slice(0, 200);

describe('compareWeightFormats', () => {
  it('gives each format its file, its size and its accuracy as read back from that file', async () => {
    const outcomes = await compareWeightFormats(model, { validation: { examples: validation }, test: null });
    expect(outcomes.map((o) => o.format)).toEqual(['float32', 'float16', 'uint8']);
    const [float32, float16, uint8] = outcomes;
    expect(float16.bytes).toBeLessThan(float32.bytes);
    expect(uint8.bytes).toBeLessThan(float16.bytes);
    for (const outcome of outcomes) {
      expect(outcome.bytes).toBe(outcome.bundle.byteLength);
      const back = await importBundle(outcome.bundle);
      expect(outcome.metrics?.examples).toBe(validation.length);
      expect(outcome.metrics?.accuracy).toBe(Predictor.create(back).evaluate(validation).accuracy);
      // The file says its format, and its sift.json metrics are those of the weights it holds.
      const manifest = JSON.parse(strFromU8(unzipSync(outcome.bundle)['sift.json'])) as SiftManifest;
      expect(manifest.settings.weights).toBe(outcome.format);
      expect(manifest.metrics.validation).toEqual(outcome.metrics);
      expect(back.manifest.settings.weights).toBe(outcome.format);
    }
  });

  it('gives sizes only when there is nothing to measure on, and leaves no tensor behind', async () => {
    await compareWeightFormats(model, { validation: { examples: validation.slice(0, 5) }, test: null }); // warm-up: tfjs keeps a few tensors of its own once
    const before = tf.memory().numTensors;
    const outcomes = await compareWeightFormats(model, { validation: null, test: null });
    expect(outcomes.map((o) => o.metrics)).toEqual([null, null, null]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
