import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '@/core/bundle/export';
import { importBundle } from '@/core/bundle/import';
import { loadDataset } from '@/core/dataset/load';
import type { Example } from '@/core/dataset/types';
import { useBackend } from '@/core/model/backend';
import { trainFromExamples, type TrainOutcome } from '@/core/pipeline';
import { Predictor } from '@/core/predictor';
import { resolveSettings } from '@/core/settings';

const SMS = new URL('../../tests/fixtures/datasets/sms_spam/sms_spam.csv', import.meta.url);

/** A slice of the real SMS data, big enough to learn spam from ham in two short epochs. */
function smsExamples(count: number): Example[] {
  return loadDataset(new Uint8Array(readFileSync(SMS))).examples.slice(0, count);
}

describe('pipeline: train → export → import → predict', () => {
  let outcome: TrainOutcome;
  const examples = smsExamples(5574);
  const probes = [
    'WINNER!! You have won a prize, call now to claim',
    'Ok, see you at lunch tomorrow',
    '你好，明天见',
    '',
  ];

  beforeAll(async () => {
    await useBackend('wasm');
    outcome = await trainFromExamples(
      { examples, fileName: 'sms_spam.csv', textColumn: 'text', labelColumn: 'label' },
      resolveSettings({ epochs: 4, backend: 'wasm', validationShare: 0.2 }),
    );
  });

  it('records what it trained on in the manifest', () => {
    const m = outcome.model.manifest;
    expect(m.name).toBe('sms_spam');
    expect(m.labels).toEqual(['ham', 'spam']);
    expect(m.vocabulary.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(m.training.trainExamples + m.training.validationExamples).toBe(5574);
    expect(m.training.history.length).toBeGreaterThan(0);
    expect(outcome.validation?.examples).toBe(m.training.validationExamples);
    expect(outcome.validation!.accuracy).toBeGreaterThan(0.87); // above always-ham
  });

  it('gives identical probabilities after a bundle round trip with float32 weights', async () => {
    const restored = await importBundle(await exportBundle(outcome.model, { weights: 'float32' }));
    const before = Predictor.create(outcome.model);
    const after = Predictor.create(restored);
    expect(after.probabilities(probes)).toEqual(before.probabilities(probes));
    expect(after.predict(probes[0]).label).toBe('spam');
  });

  it('gives the same labels and nearly the same probabilities with the default (uint8) weights', async () => {
    const restored = await importBundle(await exportBundle(outcome.model));
    const before = Predictor.create(outcome.model);
    const after = Predictor.create(restored);
    const exact = before.probabilities(probes);
    const compact = after.probabilities(probes);
    compact.forEach((p, i) => expect(Math.abs(p - exact[i])).toBeLessThan(0.02));
    expect(after.predictMany(probes).map((p) => p.label)).toEqual(before.predictMany(probes).map((p) => p.label));
  });

  it('explains with the same probabilities it predicts', () => {
    const predictor = Predictor.create(outcome.model);
    const explanation = predictor.explain(probes[0]);
    expect(explanation.prediction).toEqual(predictor.predict(probes[0]));
    expect(explanation.tokens.map((t) => t.token)).toContain('prize');
    const top = [...explanation.tokens].sort((a, b) => b.contribution - a.contribution)[0];
    expect(top.contribution).toBeGreaterThan(0);
  });

  it('makes no tensors over 1,000 predictions (prediction is plain JavaScript)', () => {
    const predictor = Predictor.create(outcome.model);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) predictor.predict(`${probes[i % probes.length]} ${i}`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts labels the model never saw as errors instead of failing', () => {
    const predictor = Predictor.create(outcome.model);
    const metrics = predictor.evaluate([
      { text: 'Free entry in a weekly competition', label: 'spam', row: 1 },
      { text: 'I will call you later', label: 'unknown-class', row: 2 },
    ]);
    expect(metrics.labels).toEqual(['ham', 'spam', 'unknown-class']);
    expect(metrics.confusion[2].reduce((a, b) => a + b, 0)).toBe(1);
    expect(metrics.accuracy).toBeLessThanOrEqual(0.5);
  });
});
