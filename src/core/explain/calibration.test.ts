import { beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';
import { createRandom } from '../random';
import { encodeText } from '../text/encode';
import { pooledMean } from './coalitionScorer';
import {
  ECE_BINS,
  expectedCalibrationError,
  fitTemperature,
  MIN_TEMPERATURE,
  reliabilityBins,
  softmaxWithTemperature,
  withTemperature,
} from './calibration';
import { denseHead } from '../../../tests/helpers/explainPlainHead';
import { logitsOf, readExamples, trainFixture, type TrainedFixture } from '../../../tests/helpers/explainTrainedModel';

/**
 * n rows of k classes drawn from a known calibrated model: true logits scaled by 1, labels drawn
 * from their softmax; then the logits are multiplied by `overconfidence`, as an over-trained
 * network's are. The temperature that undoes it is `overconfidence`.
 */
function syntheticLogits(n: number, k: number, overconfidence: number, seed: number): { logits: Float32Array; labels: Int32Array } {
  const random = createRandom(seed);
  const logits = new Float32Array(n * k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: k }, () => (random() * 2 - 1) * 2.5);
    const probs = softmaxWithTemperature(row, k);
    let u = random();
    let y = 0;
    while (y < k - 1 && u >= probs[y]) u -= probs[y++];
    labels[i] = y;
    row.forEach((z, j) => (logits[i * k + j] = z * overconfidence));
  }
  return { logits, labels };
}

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof SiftError ? e.code : 'not a SiftError';
  }
  return undefined;
};

describe('fitTemperature on synthetic logits', () => {
  it('finds the over-confidence it is given, and ECE drops', () => {
    for (const overconfidence of [3, 0.5]) {
      const { logits, labels } = syntheticLogits(20_000, 4, overconfidence, 1);
      const fit = fitTemperature(logits, labels);
      expect(fit.temperature).toBeGreaterThan(overconfidence * 0.93);
      expect(fit.temperature).toBeLessThan(overconfidence * 1.07);
      expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
      expect(fit.examples).toBe(20_000);
      const before = expectedCalibrationError(softmaxWithTemperature(logits, 4), labels);
      const after = expectedCalibrationError(softmaxWithTemperature(logits, 4, fit.temperature), labels);
      expect(before).toBeGreaterThan(0.05);
      expect(after).toBeLessThan(0.02);
    }
  });

  it('keeps T = 1 for calibrated logits and for no rows; stops at the bound for separable ones', () => {
    const calibrated = syntheticLogits(20_000, 3, 1, 2);
    expect(fitTemperature(calibrated.logits, calibrated.labels).temperature).toBeCloseTo(1, 1);
    expect(fitTemperature(new Float32Array(0), new Int32Array(0))).toEqual({ temperature: 1, nllBefore: 0, nllAfter: 0, examples: 0 });
    expect(fitTemperature(Float32Array.of(1, 2), Int32Array.of(-1)).temperature).toBe(1);
    // Every row right by a margin: the NLL falls all the way down to the smallest temperature.
    const separable = fitTemperature(Float32Array.of(3, 0, 0, 2, 1, 4), Int32Array.of(0, 1, 1));
    expect(separable.temperature).toBeCloseTo(MIN_TEMPERATURE, 4);
    expect(separable.nllAfter).toBeLessThan(1e-6);
  });

  it('rejects logits that do not make rows of the labels', () => {
    expect(code(() => fitTemperature(new Float32Array(5), new Int32Array(2)))).toBe('INVALID_OPTION');
    expect(code(() => fitTemperature(new Float32Array(2), new Int32Array(2)))).toBe('INVALID_OPTION');
  });
});

describe('expectedCalibrationError and reliabilityBins', () => {
  it('bins by the top probability into equal-width bins, 1.0 in the last', () => {
    const probs = [0.95, 0.05, 0.95, 0.05, 0.25, 0.75, 0, 1];
    const labels = Int32Array.of(0, 1, 1, 1);
    const bins = reliabilityBins(probs, labels, 10);
    expect(bins[9]).toMatchObject({ count: 3, accuracy: 2 / 3 });
    expect(bins[9].confidence).toBeCloseTo((0.95 + 0.95 + 1) / 3, 12);
    expect(bins[7]).toMatchObject({ count: 1, accuracy: 1, confidence: 0.75 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(4);
    // ECE = 3/4 · |2/3 − 2.9/3| + 1/4 · |1 − 0.75|
    expect(expectedCalibrationError(probs, labels, 10)).toBeCloseTo(0.75 * (0.9 / 3) + 0.25 * 0.25, 12);
    expect(reliabilityBins(probs, labels)).toHaveLength(ECE_BINS);
    expect(expectedCalibrationError(new Float32Array(0), new Int32Array(0))).toBe(0);
    expect(code(() => reliabilityBins(probs, labels, 0))).toBe('INVALID_OPTION');
  });
});

describe('withTemperature', () => {
  const shape = { vocabSize: 4, embeddingDim: 3, hiddenUnits: 2, numClasses: 3 };
  const weights: ModelWeights = {
    shape,
    embedding: Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
    hiddenKernel: Float32Array.of(1, -1, 0.5, 2, -0.3, 0.7),
    hiddenBias: Float32Array.of(0.1, 0.2),
    outputKernel: Float32Array.of(3, -2, 1, 0.5, 4, -1),
    outputBias: Float32Array.of(0.2, -0.4, 0.1),
  };

  it('divides the output layer, so the unchanged softmax gives softmax(logits / T)', () => {
    const pooled = Float32Array.of(0.3, -0.2, 0.9, 1, 0.5, -0.5);
    const logits = denseHead(weights)(pooled, 2);
    const baked = withTemperature(weights, 2.5);
    const expected = softmaxWithTemperature(logits, 3, 2.5);
    softmaxWithTemperature(denseHead(baked)(pooled, 2), 3).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6));
    expect(baked.embedding).toBe(weights.embedding);
    expect(Array.from(weights.outputBias)).toEqual(Array.from(Float32Array.of(0.2, -0.4, 0.1))); // not changed
    expect(code(() => withTemperature(weights, 0))).toBe('INVALID_OPTION');
    expect(code(() => withTemperature(weights, Number.NaN))).toBe('INVALID_OPTION');
  });
});

describe('temperature scaling of a model trained on TREC', () => {
  let fixture: TrainedFixture;
  const test = readExamples('trec/trec_test.csv');
  // Fitted on one half of TREC's test file, checked on the other: calibration must carry over.
  const fitPart = test.filter((_, i) => i % 2 === 0);
  const checkPart = test.filter((_, i) => i % 2 === 1);

  beforeAll(async () => {
    // No validation split, so the last of 15 epochs' weights are kept (nothing restores the best
    // epoch): trained to low training loss, as over-confident as such networks are (measured:
    // T ≈ 1.8, held-out ECE 0.086 → 0.046).
    fixture = await trainFixture(readExamples('trec/trec_train.csv').slice(0, 3000), { epochs: 15, validationShare: 0 });
  });

  it('softens an over-trained model, and its held-out calibration error drops', () => {
    const labelsOf = (part: typeof test): Int32Array => Int32Array.from(part, (e) => fixture.labels.indexOf(e.label));
    const k = fixture.labels.length;
    const fit = fitTemperature(logitsOf(fixture, fitPart.map((e) => e.text)), labelsOf(fitPart));
    const checkLogits = logitsOf(fixture, checkPart.map((e) => e.text));
    const before = expectedCalibrationError(softmaxWithTemperature(checkLogits, k), labelsOf(checkPart));
    const after = expectedCalibrationError(softmaxWithTemperature(checkLogits, k, fit.temperature), labelsOf(checkPart));
    expect(fit.temperature).toBeGreaterThan(1.2);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
    expect(after).toBeLessThan(before);

    // Baked into the weights, the model's own probabilities are the calibrated ones.
    const baked = withTemperature(fixture.weights, fit.temperature);
    const ids = encodeText(checkPart[0].text, fixture.index, fixture.encoding.tokenizer, fixture.encoding.sequenceLength);
    const bakedProbs = softmaxWithTemperature(denseHead(baked)(pooledMean(fixture.model, ids), 1), k);
    const expected = softmaxWithTemperature(checkLogits.subarray(0, k), k, fit.temperature);
    bakedProbs.forEach((p, j) => expect(p).toBeCloseTo(expected[j], 5));
  });
});
