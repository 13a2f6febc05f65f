import { describe, expect, it } from 'vitest';
import { scorePredictions } from './metrics';

describe('scorePredictions', () => {
  const cases: { name: string; truth: string[]; predicted: (string | null)[]; accuracy: number; macroF1: number }[] = [
    { name: 'all correct', truth: ['a', 'b', 'a'], predicted: ['a', 'b', 'a'], accuracy: 1, macroF1: 1 },
    {
      // a: TP 1, true 2, predicted 1 → F1 2/3; b: TP 1, true 1, predicted 2 → F1 2/3.
      name: 'one a predicted as b',
      truth: ['a', 'a', 'b'],
      predicted: ['a', 'b', 'b'],
      accuracy: 2 / 3,
      macroF1: 2 / 3,
    },
    {
      // a: 2·1/(2+1); b: 2·1/(1+1) = 1; the unanswered row counts as wrong and as no prediction.
      name: 'no answer counts as wrong',
      truth: ['a', 'a', 'b'],
      predicted: ['a', null, 'b'],
      accuracy: 2 / 3,
      macroF1: (2 / 3 + 1) / 2,
    },
    {
      // c is predicted but absent from the truth: it joins the average with F1 0 (scikit-learn's convention).
      name: 'label predicted but not in the test set',
      truth: ['a', 'b'],
      predicted: ['a', 'c'],
      accuracy: 0.5,
      macroF1: (1 + 0 + 0) / 3,
    },
    {
      // Imbalance: always predicting the majority scores high accuracy but poor macro-F1.
      name: 'majority-class predictor',
      truth: ['ham', 'ham', 'ham', 'spam'],
      predicted: ['ham', 'ham', 'ham', 'ham'],
      accuracy: 0.75,
      macroF1: (6 / 7 + 0) / 2,
    },
  ];
  it.each(cases)('$name', ({ truth, predicted, accuracy, macroF1 }) => {
    const scores = scorePredictions(truth, predicted);
    expect(scores.accuracy).toBeCloseTo(accuracy, 12);
    expect(scores.macroF1).toBeCloseTo(macroF1, 12);
  });

  it('refuses predictions that do not line up with the test rows', () => {
    expect(() => scorePredictions(['a', 'b'], ['a'])).toThrow(/1 predictions for 2 test rows/);
    expect(() => scorePredictions([], [])).toThrow(/empty/);
  });
});
