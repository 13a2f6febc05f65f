import { describe, expect, it } from 'vitest';
import { DEGENERATE_BATCHES, majorityShare, ResultsWatch } from './faults';

const LN2 = Math.log(2);
const labels = (...classes: number[]) => Int32Array.from(classes);

/** Feeds batch losses to a fresh watch; answers the first reason given, and at which batch. */
function firstFault(watch: ResultsWatch, losses: number[], batch = labels(0, 1, 1, 0)): { at: number; why: string } | null {
  for (let i = 0; i < losses.length; i++) {
    const why = watch.afterBatch(losses[i], batch);
    if (why) return { at: i + 1, why };
  }
  return null;
}

describe('ResultsWatch: batches', () => {
  const real = [0.69, 0.61, 0.55, 0.47, 0.52, 0.4, 0.38, 0.41, 0.3, 0.33];
  it.each([
    ['real training', real, null],
    ['a NaN loss', [0.6, 0.5, Number.NaN], { at: 3, why: 'the loss became NaN' }],
    ['an infinite loss', [Number.POSITIVE_INFINITY], { at: 1, why: 'the loss became Infinity' }],
    ['equal odds (a lost WebGL context reads zeros)', [0.6, ...Array<number>(DEGENERATE_BATCHES).fill(LN2)], { at: DEGENERATE_BATCHES + 1, why: /stayed at 0\.6931, what equal odds/ }],
    ['the same loss bit for bit', [0.6, ...Array<number>(DEGENERATE_BATCHES + 1).fill(0.4321)], { at: DEGENERATE_BATCHES + 2, why: /stayed at exactly 0\.4321/ }],
    ['equal odds for fewer batches than the limit', [...Array<number>(DEGENERATE_BATCHES - 1).fill(LN2), 0.5, LN2], null],
  ])('%s', (_name, losses, expected) => {
    const found = firstFault(new ResultsWatch(2, null, 0.5), losses);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatchObject({ at: expected.at, why: expected.why instanceof RegExp ? expect.stringMatching(expected.why) : expected.why });
  });

  it('knows what equal odds score under class weights (ln k times the batch’s mean weight)', () => {
    const weights = Float32Array.from([0.5, 2]);
    const batch = labels(0, 1, 1, 1);
    const uniform = (LN2 * (0.5 + 2 + 2 + 2)) / 4;
    const watch = new ResultsWatch(2, weights, 0.5);
    const found = firstFault(watch, Array<number>(DEGENERATE_BATCHES).fill(uniform), batch);
    expect(found?.at).toBe(DEGENERATE_BATCHES);
    // Unweighted ln 2 is not what equal odds score on this batch: real numbers, no fault.
    expect(firstFault(new ResultsWatch(2, weights, 0.5), [LN2, 0.6, LN2, 0.62, LN2, 0.61], batch)).toBeNull();
  });
});

describe('ResultsWatch: validation', () => {
  const val = (loss: number, accuracy: number, predictedClasses: number) => ({ loss, accuracy, predictedClasses });

  it('passes real epochs, including one class predicted before the model beat the majority guess', () => {
    const watch = new ResultsWatch(2, null, 0.866);
    expect(watch.afterValidation(val(0.4, 0.866, 1))).toBeNull();
    expect(watch.afterValidation(val(0.1, 0.98, 2))).toBeNull();
    expect(watch.afterValidation(val(0.12, 0.97, 2))).toBeNull();
  });

  it('flags one class for every text after an epoch that beat the majority guess', () => {
    const watch = new ResultsWatch(2, null, 0.866);
    expect(watch.afterValidation(val(0.05, 0.99, 2))).toBeNull();
    expect(watch.afterValidation(val(LN2, 0.866, 1))).toMatch(/every validation text was predicted as one class/);
  });

  it('flags a validation loss repeated bit for bit, and a NaN one', () => {
    const watch = new ResultsWatch(3, null, 0.4);
    expect(watch.afterValidation(val(0.8, 0.6, 3))).toBeNull();
    expect(watch.afterValidation(val(0.8, 0.6, 3))).toMatch(/repeated exactly/);
    expect(new ResultsWatch(3, null, 0.4).afterValidation(val(Number.NaN, 0, 3))).toBe('the validation loss became NaN');
  });

  it('moves on only after an epoch that passed', () => {
    const watch = new ResultsWatch(2, null, 0.5);
    expect(watch.afterValidation(val(0.3, 0.9, 2))).toBeNull();
    expect(watch.afterValidation(val(0.3, 0.9, 2))).not.toBeNull();
    // The failed epoch did not become the reference: the same numbers still repeat the last good one.
    expect(watch.afterValidation(val(0.3, 0.9, 2))).not.toBeNull();
  });
});

describe('majorityShare', () => {
  it('is the most common class’s share', () => {
    expect(majorityShare(labels(0, 1, 1, 2), 3)).toBe(0.5);
    expect(majorityShare(labels(), 3)).toBe(0);
  });
});
