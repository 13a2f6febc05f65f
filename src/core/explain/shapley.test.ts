import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { createRandom } from '../random';
import type { CoalitionScorer } from './coalitionScorer';
import { wordAttributions, type TokenWords } from './shapley';

/** Words 0..n−1, each with its own token, plus a bigram token per neighbouring pair (like tokenize). */
function wordsAndBigrams(n: number): TokenWords {
  const first: number[] = [];
  const last: number[] = [];
  for (let w = 0; w < n; w++) {
    first.push(w);
    last.push(w);
    if (w > 0) {
      first.push(w - 1);
      last.push(w);
    }
  }
  return { firstWord: Int32Array.from(first), lastWord: Int32Array.from(last) };
}

/** A scorer from a function of one coalition's token presence. */
function scorerOf(T: number, value: (present: Uint8Array) => number): CoalitionScorer {
  return (present, count) => Float64Array.from({ length: count }, (_, r) => value(present.subarray(r * T, (r + 1) * T)));
}

/** A seeded, non-additive game: linear terms, pairwise interactions and a saturating tanh. */
function randomGame(T: number, seed: number): (present: Uint8Array) => number {
  const random = createRandom(seed);
  const a = Array.from({ length: T }, () => random() * 4 - 2);
  const pairs = Array.from({ length: T }, () => [Math.floor(random() * T), Math.floor(random() * T), random() * 6 - 3] as const);
  return (x) => {
    let linear = 0;
    for (let t = 0; t < T; t++) linear += a[t] * x[t];
    let pair = 0;
    for (const [i, j, b] of pairs) pair += b * x[i] * x[j];
    return 5 * Math.tanh(linear / 3) + pair;
  };
}

/** Shapley values by their definition: marginal contributions averaged over every order of the words. */
function bruteForceShapley(n: number, tokens: TokenWords, value: (present: Uint8Array) => number): number[] {
  const T = tokens.firstWord.length;
  const v = (words: Set<number>): number =>
    value(Uint8Array.from({ length: T }, (_, t) => {
      for (let w = tokens.firstWord[t]; w <= tokens.lastWord[t]; w++) if (!words.has(w)) return 0;
      return 1;
    }));
  const phi = new Array<number>(n).fill(0);
  let orders = 0;
  const permute = (order: number[], rest: number[]): void => {
    if (rest.length === 0) {
      const words = new Set<number>();
      let before = v(words);
      for (const w of order) {
        words.add(w);
        const after = v(words);
        phi[w] += after - before;
        before = after;
      }
      orders++;
      return;
    }
    rest.forEach((w, i) => permute([...order, w], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  permute([], Array.from({ length: n }, (_, i) => i));
  return phi.map((p) => p / orders);
}

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((s, x) => s + x, 0);

describe('wordAttributions', () => {
  it('gives the Shapley values of their definition (all orders, 5 words)', () => {
    const tokens = wordsAndBigrams(5);
    const game = randomGame(9, 3);
    const result = wordAttributions(5, tokens, scorerOf(9, game));
    expect(result.method).toBe('exact');
    expect(result.evaluations).toBe(32);
    bruteForceShapley(5, tokens, game).forEach((phi, w) => expect(result.values[w]).toBeCloseTo(phi, 10));
  });

  it.each([
    ['exact', 10, {}],
    ['sampled', 10, { maxExactWords: 0 }],
    ['sampled', 60, {}],
    ['sampled', 250, { samplingBudget: 1000 }],
  ] as const)('%s values over %i words add up to v(all) − v(none)', (method, n, options) => {
    const tokens = wordsAndBigrams(n);
    const T = tokens.firstWord.length;
    const game = randomGame(T, n);
    const result = wordAttributions(n, tokens, scorerOf(T, game), options);
    expect(result.method).toBe(method);
    expect(result.full).toBe(game(new Uint8Array(T).fill(1)));
    expect(result.empty).toBe(game(new Uint8Array(T)));
    expect(Math.abs(sum(result.values) - (result.full - result.empty))).toBeLessThan(1e-9);
    if (method === 'sampled') expect(result.orders % 2).toBe(0);
  });

  it('samples close to the exact values, deterministically for a seed', () => {
    const n = 11;
    const tokens = wordsAndBigrams(n);
    const T = tokens.firstWord.length;
    const game = randomGame(T, 5);
    const exact = wordAttributions(n, tokens, scorerOf(T, game)).values;
    const sampled = wordAttributions(n, tokens, scorerOf(T, game), { maxExactWords: 0, samplingBudget: 20_000, seed: 1 });
    const scale = Math.max(...Array.from(exact, Math.abs));
    exact.forEach((phi, w) => expect(Math.abs(sampled.values[w] - phi)).toBeLessThan(0.1 * scale));
    const again = wordAttributions(n, tokens, scorerOf(T, game), { maxExactWords: 0, samplingBudget: 20_000, seed: 1 });
    expect(again.values).toEqual(sampled.values);
    const otherSeed = wordAttributions(n, tokens, scorerOf(T, game), { maxExactWords: 0, samplingBudget: 20_000, seed: 2 });
    expect(otherSeed.values).not.toEqual(sampled.values);
  });

  it('gives symmetric words equal values', () => {
    // Words 1 and 3 play the same role (the game depends on them only through their sum).
    const tokens = wordsAndBigrams(5);
    const T = tokens.firstWord.length; // 0, 1, 0-1, 2, 1-2, 3, 2-3, 4, 3-4
    const game = (x: Uint8Array): number => Math.tanh(x[1] + x[5] + 0.5 * x[0] * x[1] * x[5]) + 2 * x[7] - x[3];
    const values = wordAttributions(5, tokens, scorerOf(T, game)).values;
    expect(values[1]).toBeCloseTo(values[3], 12);
    expect(values[1]).not.toBeCloseTo(0, 3);
  });

  it('gives 0 to a word the score ignores and to a word no token covers', () => {
    // Word 2's tokens (3, its own; 4 and 6, its bigrams) never enter the game; word 5 has no token.
    const tokens = wordsAndBigrams(5);
    const T = tokens.firstWord.length;
    const game = (x: Uint8Array): number => 3 * x[0] + x[1] * x[2] - 2 * x[5] + x[7] * x[0];
    for (const options of [{}, { maxExactWords: 0 }]) {
      const values = wordAttributions(6, tokens, scorerOf(T, game), options).values;
      expect(values[2]).toBe(0);
      expect(values[5]).toBe(0);
      expect(values[0]).not.toBe(0);
    }
  });

  it('scores no coalition when there are no tokens, and one word gets all of the difference', () => {
    const none = wordAttributions(3, { firstWord: [], lastWord: [] }, scorerOf(0, () => 7));
    expect(Array.from(none.values)).toEqual([0, 0, 0]);
    expect(none).toMatchObject({ full: 7, empty: 7, evaluations: 1 });
    const one = wordAttributions(1, { firstWord: [0], lastWord: [0] }, scorerOf(1, (x) => 2 + 3 * x[0]), { maxExactWords: 0 });
    expect(Array.from(one.values)).toEqual([3]);
  });

  it('rejects tokens outside the words and bad options', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof SiftError ? e.code : 'not a SiftError';
      }
      return undefined;
    };
    const game = scorerOf(1, () => 0);
    expect(code(() => wordAttributions(2, { firstWord: [1], lastWord: [2] }, game))).toBe('INVALID_OPTION');
    expect(code(() => wordAttributions(2, { firstWord: [0], lastWord: [0] }, game, { maxExactWords: 21 }))).toBe('INVALID_OPTION');
    expect(code(() => wordAttributions(30, wordsAndBigrams(30), scorerOf(59, () => 0), { samplingBudget: 0 }))).toBe('INVALID_OPTION');
  });
});
