import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizerConfigOf } from '../settings';
import { encodeTextWithTokens } from '../text/encode';
import { OOV_ID } from '../text/types';
import { useBackend } from './backend';
import { Classifier } from './classifier';
import { explainTokens } from './explain';
import { trecSlice } from '../../../tests/helpers/modelFixtures';
import { trainModel } from './train';
import type { ModelWeights } from './types';

beforeAll(async () => {
  await useBackend('cpu');
});

/**
 * A hand-built model over ids 0 <pad>, 1 <unk>, 2 "great", 3 "awful", 4 "the": the pooled vector's
 * first coordinate votes "pos", the second "neg"; "the" and <unk> are neutral (zero rows).
 */
function handModel(): ModelWeights {
  return {
    shape: { vocabSize: 5, embeddingDim: 2, hiddenUnits: 2, numClasses: 2 },
    embedding: Float32Array.from([0, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
    hiddenKernel: Float32Array.from([1, 0, 0, 1]),
    hiddenBias: Float32Array.from([0, 0]),
    outputKernel: Float32Array.from([8, -8, -8, 8]),
    outputBias: Float32Array.from([0, 0]),
  };
}

describe('explainTokens', () => {
  const labels = ['pos', 'neg'];

  /** ln(p / (1 − p)) */
  const logit = (p: number) => Math.log(p / (1 - p));

  it('credits each distinct token with the log-odds of the predicted class that removing it costs', () => {
    const classifier = Classifier.fromWeights(handModel());
    // "great the great zzz": mean = (2·[1,0] + 2·[0,0]) / 4 = [0.5, 0] → pos, p = σ(8)
    const e = explainTokens(classifier, ['great', 'the', 'great', 'zzz'], [2, 4, 2, OOV_ID], labels);
    expect(e.prediction.label).toBe('pos');
    const pPos = 1 / (1 + Math.exp(-8));
    expect(e.prediction.probabilities[0].probability).toBeCloseTo(pPos, 5);
    expect(e.tokens.map((t) => t.token)).toEqual(['great', 'the', 'zzz']);
    // the logits are [4, −4]: log-odds of pos = 8; without "great" the mean is [0, 0]: log-odds 0
    expect(e.tokens[0].contribution).toBeCloseTo(8, 3);
    expect(e.tokens[0].contribution).toBeCloseTo(logit(pPos) - logit(0.5), 3);
    // without "the" (or "zzz") the mean of the rest grows to [2/3, 0]: log-odds 16·2/3. The
    // neutral word's removal raises p(pos), so its contribution is negative
    expect(e.tokens[1].contribution).toBeCloseTo(8 - 16 * (2 / 3), 3);
    expect(e.tokens[1].contribution).toBeLessThan(0);
    expect(e.tokens.map((t) => t.known)).toEqual([true, true, false]);
  });

  it('still tells words apart at 99.99…% confidence, and stays finite where float32 rounds p to 1', () => {
    const strong = handModel();
    strong.outputKernel = Float32Array.from([40, -40, -40, 40]);
    const classifier = Classifier.fromWeights(strong);
    // "great great great the": mean [0.75, 0] → logits ±30, log-odds 60: p(neg) ≈ 1e-26, p(pos)
    // rounds to exactly 1 in float32
    const e = explainTokens(classifier, ['great', 'great', 'great', 'the'], [2, 2, 2, 4], labels);
    expect(e.prediction.label).toBe('pos');
    const [great, the] = e.tokens;
    expect(Number.isFinite(great.contribution) && Number.isFinite(the.contribution)).toBe(true);
    // Removing "great" leaves only "the" (log-odds 0): a drop of ~27.6 (the 1e-12 floor), while the
    // probability itself moved from 1 to 0.5. Removing "the" cannot make pos any surer in float32.
    expect(great.contribution).toBeGreaterThan(20);
    expect(Math.abs(the.contribution)).toBeLessThan(great.contribution / 4);
  });

  it('shows a word pulling away even when the probability barely moves (p ≈ 0.99995)', () => {
    const sure = handModel();
    sure.outputKernel = Float32Array.from([10, -10, -10, 10]);
    const classifier = Classifier.fromWeights(sure);
    // "great great great awful": mean [0.75, 0.25] → logits ±5, log-odds 10, p(pos) ≈ 0.99995.
    // Without "awful" p rises by only ~5e-5 (a probability difference shows ~0), yet the log-odds
    // double: "awful" clearly pushed away from pos.
    const e = explainTokens(classifier, ['great', 'great', 'great', 'awful'], [2, 2, 2, 3], labels);
    expect(e.prediction.label).toBe('pos');
    const [great, awful] = e.tokens;
    expect(awful.contribution).toBeCloseTo(10 - 20, 2);
    // Without "great" only "awful" is left: log-odds −20.
    expect(great.contribution).toBeCloseTo(10 + 20, 2);
  });

  it('explains a text without tokens with no entries', () => {
    const classifier = Classifier.fromWeights(handModel());
    const e = explainTokens(classifier, [''], [OOV_ID], labels);
    expect(e.tokens).toEqual([]);
    expect(e.prediction.probabilities[0].probability).toBeCloseTo(0.5, 5);
  });
});

describe('explainTokens on a model trained on TREC', () => {
  it('puts a question word among the strongest reasons for a NUM prediction', async () => {
    const data = trecSlice(2000);
    const result = await trainModel({ train: data.train, validation: null }, data.shape, { ...data.settings, epochs: 3 }, 'wasm');
    const classifier = Classifier.fromWeights(result.weights);
    const { ids, tokens } = encodeTextWithTokens('How many people live in Chicago ?', data.index, tokenizerConfigOf(data.settings), data.settings.sequenceLength);
    const e = explainTokens(classifier, tokens, ids, data.labels);
    expect(e.prediction.label).toBe('NUM');
    const top = [...e.tokens].sort((a, b) => b.contribution - a.contribution).slice(0, 3).map((t) => t.token);
    expect(top.some((t) => /many/.test(t))).toBe(true);
  });
});
