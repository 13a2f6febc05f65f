import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from './bundle/export';
import type { GoldenFile } from './bundle/golden';
import { importBundle } from './bundle/import';
import type { SiftManifest } from './bundle/types';
import { storedWeights, WEIGHT_FORMATS, type WeightFormat } from './bundle/weightFormat';
import { loadDataset } from './dataset/load';
import { useBackend } from './model/backend';
import type { ModelWeights } from './model/types';
import { trainFromExamples, type TrainOutcome } from './pipeline';
import { Predictor } from './predictor';
import { resolveSettings } from './settings';

const SMS = new URL('../../tests/fixtures/datasets/sms_spam/sms_spam.csv', import.meta.url);
const examples = loadDataset(new Uint8Array(readFileSync(SMS))).examples;
const trainOn = examples.slice(0, 2000);
/** Texts the model never trained on. */
const unseen = examples.slice(4000, 4300).map((e) => e.text);

/** Bit for bit (toEqual on half a million floats takes seconds). */
const sameWeights = (a: ModelWeights, b: ModelWeights): boolean =>
  (['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const).every((name) =>
    Buffer.from(a[name].buffer, a[name].byteOffset, a[name].byteLength).equals(Buffer.from(b[name].buffer, b[name].byteOffset, b[name].byteLength)),
  );

const maxDifference = (a: Float32Array, b: Float32Array): number => a.reduce((worst, p, i) => Math.max(worst, Math.abs(p - b[i])), 0);

describe.each(WEIGHT_FORMATS)('a model trained to be stored as %s', (format: WeightFormat) => {
  let outcome: TrainOutcome;
  let bundle: Uint8Array;

  beforeAll(async () => {
    await useBackend('wasm');
    outcome = await trainFromExamples(
      { examples: trainOn, fileName: 'sms_spam.csv', textColumn: 'text', labelColumn: 'label' },
      resolveSettings({ epochs: 2, backend: 'wasm', weights: format }),
    );
    bundle = await exportBundle(outcome.model, { goldenTexts: outcome.goldenTexts });
  });

  it('is, in memory, the model its exported file gives back', async () => {
    const inMemory = Predictor.create(outcome.model);
    const fromFile = Predictor.create(await importBundle(bundle));
    expect(maxDifference(fromFile.probabilities(unseen), inMemory.probabilities(unseen))).toBeLessThanOrEqual(1e-6);
    expect(fromFile.explain(unseen[0]).words).toEqual(inMemory.explain(unseen[0]).words);
  });

  it('states the metrics and top words of those weights, in memory and in the file', async () => {
    const fromFile = Predictor.create(await importBundle(bundle));
    expect(outcome.validation).toEqual(fromFile.evaluate(outcome.validationExamples));
    expect(outcome.validation).toEqual(outcome.model.manifest.metrics.validation);
    expect(outcome.model.manifest.topWords).toEqual(fromFile.topWords());
    const saved = JSON.parse(strFromU8(unzipSync(bundle)['sift.json'])) as SiftManifest;
    expect(saved.settings.weights).toBe(format);
    expect(saved.metrics).toEqual(outcome.model.manifest.metrics);
    expect(saved.topWords).toEqual(outcome.model.manifest.topWords);
  });

  it('keeps the calibrated float32 weights it was stored from; storing the stored weights again changes nothing', () => {
    const { weights } = outcome.model;
    if (format === 'float32') expect(weights).toBe(outcome.float32Weights);
    else expect(sameWeights(weights, outcome.float32Weights)).toBe(false);
    expect(sameWeights(storedWeights(weights, format), weights)).toBe(true);
    expect(sameWeights(storedWeights(outcome.float32Weights, format), weights)).toBe(true);
  });

  it('writes golden.json with the ids and probabilities the file gives, for validation texts without personal data', async () => {
    const golden = JSON.parse(strFromU8(unzipSync(bundle)['golden.json'])) as GoldenFile;
    const fromFile = Predictor.create(await importBundle(bundle));
    const validation = golden.texts.filter((t) => t.source === 'validation');
    expect(validation).toHaveLength(20);
    expect(validation.every((t) => outcome.validationExamples.some((e) => e.text === t.text))).toBe(true);
    expect(golden.texts.some((t) => /\d{7}/.test(t.text) && t.source === 'validation')).toBe(false);
    for (const t of golden.texts) {
      const corpus = fromFile.encode([t.text]);
      expect(t.ids).toEqual(Array.from(corpus.ids));
      const probabilities = fromFile.probabilitiesOfEncoded(corpus);
      golden.labels.forEach((label, j) => expect(Math.abs(t.probabilities[label] - probabilities[j])).toBeLessThanOrEqual(1e-7));
    }
  });
});
