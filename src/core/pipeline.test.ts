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
import { splitDataset } from '@/core/dataset/split';
import { logOddsFromLogits } from '@/core/explain/coalitionScorer';
import { expectedCalibrationError, fitTemperature, softmaxWithTemperature, withTemperature } from '@/core/explain/calibration';
import { Classifier } from '@/core/model/classifier';
import { strFromU8, unzipSync } from 'fflate';

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

  it('holds the default (uint8) weights as its file does: the bundle predicts what the model in memory predicts', async () => {
    expect(outcome.model.manifest.settings.weights).toBe('uint8');
    const restored = await importBundle(await exportBundle(outcome.model));
    expect(Predictor.create(restored).probabilities(probes)).toEqual(Predictor.create(outcome.model).probabilities(probes));
    // …and close to the calibrated float32 weights it was stored from, with the same labels.
    const float32 = Predictor.create({ ...outcome.model, weights: outcome.float32Weights });
    const exact = float32.probabilities(probes);
    Predictor.create(outcome.model).probabilities(probes).forEach((p, i) => expect(Math.abs(p - exact[i])).toBeLessThan(0.02));
    expect(Predictor.create(restored).predictMany(probes).map((p) => p.label)).toEqual(float32.predictMany(probes).map((p) => p.label));
  });

  it('explains word by word with the probabilities it predicts; the words add up to score − empty score', () => {
    const predictor = Predictor.create(outcome.model);
    const labels = outcome.model.manifest.labels;
    const k = labels.length;
    // The logits of the text and of "" the way prediction computes them (Classifier over encodeTexts).
    const logits = Classifier.fromWeights(outcome.model.weights).predictLogits(predictor.encode([probes[0], '']));
    for (const text of probes) {
      const explanation = predictor.explain(text);
      expect(explanation.prediction).toEqual(predictor.predict(text));
      const sum = explanation.words.reduce((total, w) => total + w.value, 0);
      expect(Math.abs(sum - (explanation.score - explanation.emptyScore))).toBeLessThan(1e-9);
    }
    const spam = predictor.explain(probes[0]);
    const target = labels.indexOf(spam.prediction.label);
    expect(spam.score).toBeCloseTo(logOddsFromLogits(logits, 0, k, target), 5);
    expect(spam.emptyScore).toBeCloseTo(logOddsFromLogits(logits, k, k, target), 5);
    // One entry per word of the text as typed, with its place in it.
    expect(spam.words.map((w) => probes[0].slice(w.start, w.end))).toEqual(['WINNER', '!', '!', 'You', 'have', 'won', 'a', 'prize', ',', 'call', 'now', 'to', 'claim']);
    const top = [...spam.words].sort((a, b) => b.value - a.value).slice(0, 5).map((w) => w.text);
    expect(top).toEqual(expect.arrayContaining(['prize', 'claim']));
    expect(spam.coverage).toMatchObject({ known: 10, words: 10, guess: false });
    expect(spam.words.every((w) => w.read && (w.known === 'known' || w.punctuation))).toBe(true);
    // Nothing known: the default answer, said so, with nothing to credit.
    const unknown = predictor.explain('asdf qwer zxcv');
    expect(unknown.coverage).toMatchObject({ known: 0, defaultAnswer: true, guess: true });
    expect(unknown.words.map((w) => [w.value, w.known])).toEqual([[0, 'unknown'], [0, 'unknown'], [0, 'unknown']]);
    // Past the sequence length the model reads nothing: those words are marked, with no push.
    const long = predictor.explain(`${'call me now '.repeat(200)}prize`);
    expect(long.coverage.wordsCut).toBeGreaterThan(0);
    expect(long.words.at(-1)).toMatchObject({ text: 'prize', read: false, value: 0 });
    expect(unknown.prediction).toEqual(predictor.predict(''));
  });

  it('bakes a temperature fitted on the validation logits into the output layer; predictions stay the same', () => {
    const { manifest, weights } = outcome.model;
    const calibration = manifest.calibration!;
    expect(calibration).toMatchObject({ fit: 'fitted', examples: manifest.training.validationExamples, eceBins: 15 });
    expect(Math.abs(calibration.temperature - 1)).toBeGreaterThan(0.05);
    // Undo T: the raw model. Fitting on its validation logits gives T again, and the recorded ECEs.
    const raw = withTemperature(weights, 1 / calibration.temperature);
    const split = splitDataset(examples, { validationShare: 0.2, seed: manifest.seed });
    const rawPredictor = Predictor.create({ manifest, weights: raw });
    const encoded = rawPredictor.encode(split.validation.map((e) => e.text));
    const labelsOf = Int32Array.from(split.validation, (e) => manifest.labels.indexOf(e.label));
    const rawLogits = Classifier.fromWeights(raw).predictLogits(encoded);
    expect(fitTemperature(rawLogits, labelsOf).temperature).toBeCloseTo(calibration.temperature, 3);
    const k = manifest.labels.length;
    expect(calibration.eceBefore).toBeCloseTo(expectedCalibrationError(softmaxWithTemperature(rawLogits, k), labelsOf), 5);
    const calibrated = Predictor.create(outcome.model);
    const calibratedProbs = calibrated.probabilitiesOfEncoded(encoded);
    expect(calibration.eceAfter).toBeCloseTo(expectedCalibrationError(calibratedProbs, labelsOf), 5);
    softmaxWithTemperature(rawLogits, k, calibration.temperature).forEach((p, i) => expect(calibratedProbs[i]).toBeCloseTo(p, 5));
    // Validation metrics are the calibrated model's, and its predictions are the raw model's.
    expect(calibrated.evaluate(split.validation)).toEqual(outcome.validation);
    expect(rawPredictor.evaluate(split.validation)).toEqual(outcome.validation);
    expect(outcome.validationProbabilities).toEqual(calibratedProbs);
  });

  it('gives stock tf.loadLayersModel the calibrated probabilities Sift computes', async () => {
    const files = unzipSync(await exportBundle(outcome.model, { weights: 'float32' }));
    const modelJson = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
    const plain = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files['weights.bin'].slice().buffer }),
    );
    const predictor = Predictor.create(outcome.model);
    const raw = Predictor.create({ ...outcome.model, weights: withTemperature(outcome.model.weights, 1 / outcome.model.manifest.calibration!.temperature) });
    const texts = examples.slice(0, 40).map((e) => e.text);
    const corpus = predictor.encode(texts);
    const sift = predictor.probabilitiesOfEncoded(corpus);
    const uncalibrated = raw.probabilitiesOfEncoded(corpus);
    let moved = 0;
    texts.forEach((_, i) => {
      const ids = corpus.ids.slice(corpus.offsets[i], corpus.offsets[i + 1]);
      const stock = tf.tidy(() => (plain.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor).dataSync());
      stock.forEach((p, j) => expect(p).toBeCloseTo(sift[i * 2 + j], 5));
      if (Math.abs(stock[0] - uncalibrated[i * 2]) > 1e-4) moved++;
    });
    expect(moved).toBeGreaterThan(10); // the temperature changed what stock tfjs says
    plain.dispose();
  });

  it('records each class’s top words in the manifest and the model card', async () => {
    const { manifest } = outcome.model;
    expect(manifest.topWords?.map((t) => t.label)).toEqual(['ham', 'spam']);
    for (const { words } of manifest.topWords!) {
      expect(words).toHaveLength(20);
      expect(words.every((w, i) => w.score > 0 && (i === 0 || w.score <= words[i - 1].score))).toBe(true);
    }
    const spamWords = manifest.topWords![1].words.map((w) => w.word);
    expect(spamWords.filter((w) => ['claim', 'prize', 'free', 'won', 'urgent', 'txt', 'win', 'mobile', 'cash', 'award'].includes(w)).length).toBeGreaterThanOrEqual(3);
    const card = strFromU8(unzipSync(await exportBundle(outcome.model))['README.md']);
    expect(card).toContain('## What it learned');
    expect(card).toContain(`- **spam**: \`${spamWords[0]}\``);
    expect(card).toContain('## How sure it is');
    expect(card).toContain(`T = ${manifest.calibration!.temperature.toFixed(3)}`);
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

describe('pipeline without a validation split', () => {
  it('keeps T = 1 and says why', async () => {
    await useBackend('wasm');
    const outcome = await trainFromExamples(
      { examples: smsExamples(600), fileName: 'sms_spam.csv', textColumn: 'text', labelColumn: 'label' },
      resolveSettings({ epochs: 1, backend: 'wasm', validationShare: 0 }),
    );
    expect(outcome.model.manifest.calibration).toEqual({ temperature: 1, fit: 'no-validation', examples: 0, eceBefore: null, eceAfter: null, eceBins: 15 });
    expect(outcome.validation).toBeNull();
    expect(outcome.validationProbabilities).toBeNull();
  });
});
