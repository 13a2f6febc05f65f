import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizerConfigOf } from '../settings';
import { OOV_ID } from '../text/types';
import { useBackend } from './backend';
import { Classifier } from './classifier';
import { explainPrediction, explainTokens } from './explain';
import { trecSlice } from './fixtures.testutil';
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

  it('credits each distinct token with what removing all its occurrences costs the predicted class', () => {
    const classifier = Classifier.fromWeights(handModel());
    // "great the great zzz": mean = (2·[1,0] + 2·[0,0]) / 4 = [0.5, 0] → pos, p = σ(8)
    const e = explainTokens(classifier, ['great', 'the', 'great', 'zzz'], [2, 4, 2, OOV_ID], labels);
    expect(e.prediction.label).toBe('pos');
    const pPos = 1 / (1 + Math.exp(-8));
    expect(e.prediction.probabilities[0].probability).toBeCloseTo(pPos, 5);
    expect(e.tokens.map((t) => t.token)).toEqual(['great', 'the', 'zzz']);
    // without "great" the mean is [0, 0]: p = 0.5
    expect(e.tokens[0].contribution).toBeCloseTo(pPos - 0.5, 5);
    // without "the" (or "zzz") the mean of the rest grows to [2/3, 0]: the neutral word's removal
    // raises p(pos), so its contribution is negative
    const pWithoutThe = 1 / (1 + Math.exp(-16 * (2 / 3)));
    expect(e.tokens[1].contribution).toBeCloseTo(pPos - pWithoutThe, 5);
    expect(e.tokens[1].contribution).toBeLessThan(0);
    expect(e.tokens.map((t) => t.known)).toEqual([true, true, false]);
    classifier.dispose();
  });

  it('explains a text without tokens with no entries', () => {
    const classifier = Classifier.fromWeights(handModel());
    const e = explainTokens(classifier, [''], [OOV_ID], labels);
    expect(e.tokens).toEqual([]);
    expect(e.prediction.probabilities[0].probability).toBeCloseTo(0.5, 5);
    classifier.dispose();
  });
});

describe('explainPrediction on a model trained on TREC', () => {
  it('puts a question word among the strongest reasons for a NUM prediction', async () => {
    const data = trecSlice(2000);
    const result = await trainModel({ train: data.train, validation: null }, data.shape, { ...data.settings, epochs: 3 }, 'wasm');
    const classifier = Classifier.fromWeights(result.weights);
    const e = explainPrediction(classifier, 'How many people live in Chicago ?', {
      labels: data.labels,
      index: data.index,
      tokenizer: tokenizerConfigOf(data.settings),
      sequenceLength: data.settings.sequenceLength,
    });
    expect(e.prediction.label).toBe('NUM');
    const top = [...e.tokens].sort((a, b) => b.contribution - a.contribution).slice(0, 3).map((t) => t.token);
    expect(top.some((t) => /many/.test(t))).toBe(true);
    classifier.dispose();
  });
});
