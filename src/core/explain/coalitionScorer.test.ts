import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { randomValues } from '../../../tests/helpers/modelFixtures';
import type { ModelWeights } from '../model/types';
import { createRandom } from '../random';
import { OOV_ID } from '../text/types';
import { argmax, coalitionScorer, logOddsFromLogits, pooledMean } from './coalitionScorer';
import { bagOf } from '../../../tests/helpers/explainPlainHead';

const shape = { vocabSize: 50, embeddingDim: 8, hiddenUnits: 6, numClasses: 4 };
const weights: ModelWeights = {
  shape,
  embedding: randomValues(50 * 8, 11),
  hiddenKernel: randomValues(8 * 6, 12).map((x) => 2 * x),
  hiddenBias: randomValues(6, 13).map((x) => 0.3 * x),
  outputKernel: randomValues(6 * 4, 14).map((x) => 3 * x),
  outputBias: randomValues(4, 15),
};

describe('logOddsFromLogits', () => {
  it('is log(p / (1 − p)) of the softmax, and stays finite where float32 probabilities saturate', () => {
    const logits = [1, -0.5, 2, 0.25];
    const exps = logits.map(Math.exp);
    const total = exps.reduce((a, b) => a + b, 0);
    for (let c = 0; c < 4; c++) expect(logOddsFromLogits(logits, 0, 4, c)).toBeCloseTo(Math.log(exps[c] / (total - exps[c])), 12);
    expect(logOddsFromLogits([0, 120, -50], 0, 3, 1)).toBeCloseTo(120, 10);
    expect(logOddsFromLogits([0, 120, -50], 0, 3, 2)).toBeCloseTo(-170, 10);
    expect(argmax([0, 120, -50], 0, 3)).toBe(1);
  });
});

describe('coalitionScorer', () => {
  const ids = Int32Array.of(5, 9, 5, 30, 2, 41, 7);
  const T = ids.length;
  // Random coalitions, plus the empty and the full one.
  const random = createRandom(3);
  const count = 300;
  const present = Uint8Array.from({ length: count * T }, (_, i) => (i < T ? 0 : i < 2 * T ? 1 : random() < 0.5 ? 1 : 0));

  it('scores each coalition as the head does on the mean of its rows, the empty one as the text ""', () => {
    const model = bagOf(weights, false);
    const scores = coalitionScorer(model, ids, 2)(present, count);
    for (let r = 0; r < count; r++) {
      const kept = Array.from(ids).filter((_, t) => present[r * T + t] === 1);
      const logits = model.headLogits(pooledMean(model, kept), 1);
      expect(scores[r]).toBeCloseTo(logOddsFromLogits(logits, 0, 4, 2), 5);
    }
    const empty = model.headLogits(pooledMean(model, [OOV_ID]), 1);
    expect(scores[0]).toBeCloseTo(logOddsFromLogits(empty, 0, 4, 2), 6);
  });

  it('gives the same scores from the head\'s weights as from headLogits', () => {
    const fromWeights = coalitionScorer(bagOf(weights, true), ids, 1)(present, count);
    const fromHead = coalitionScorer(bagOf(weights, false), ids, 1)(present, count);
    fromHead.forEach((s, r) => expect(fromWeights[r]).toBeCloseTo(s, 5));
  });

  it('rejects ids outside the table, a class the model lacks and weights of another shape', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof SiftError ? e.code : 'not a SiftError';
      }
      return undefined;
    };
    expect(code(() => coalitionScorer(bagOf(weights), [50], 0))).toBe('BUNDLE_MISMATCH');
    expect(code(() => coalitionScorer(bagOf(weights), [3], 4))).toBe('INVALID_OPTION');
    const wrong = { ...bagOf(weights), dense: { ...bagOf(weights).dense!, outputBias: new Float32Array(3) } };
    expect(code(() => coalitionScorer(wrong, [3], 0))).toBe('BUNDLE_MISMATCH');
  });
});
