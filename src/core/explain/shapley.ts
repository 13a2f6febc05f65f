/**
 * Word attributions: how much each word of a text pushed the model's score, as Shapley values of
 * the game whose players are the words and whose value v(S) is the score of the text with only the
 * tokens whose covered words all lie in S (textWords.ts says how tokens are credited to words).
 *
 * Why Shapley values rather than leave-one-out (what the Try box did before): they add up, exactly,
 * to v(all words) − v(no words), the score of the text minus the score of the empty text, so
 * every prediction that differs from the model's default answer has reasons, however saturated;
 * and two words that each decide the prediction on their own share the credit, where removing one
 * at a time shows neither (the other still decides it).
 *
 * Short texts get exact values (every coalition scored); longer ones sampled values from random
 * orders of the words (each word credited with its marginal effect when added after those before
 * it), every order drawn together with its reverse (antithetic sampling, which halves the error
 * for the same work here because a word early in one order is late in the other). Every order's
 * credits add up to v(all) − v(none), so the sampled values do too: only how they are shared is
 * estimated. Both are deterministic: the orders come from a seeded generator.
 */
import { SiftError } from '../errors';
import { SeededRandom } from '../random';
import type { CoalitionScorer } from './coalitionScorer';

/**
 * Texts whose tokens cover at most this many words get exact values (2^n coalitions); longer
 * ones are sampled with SAMPLING_BUDGET coalitions. Measured with `npx tsx bench/explain-cost.ts`
 * (random model of the default size, 64-dim table, 64 hidden units, 6 classes; words + bigrams;
 * CPU ms of one explanation on a shared 2-core machine, the scorer given the head's weights):
 *   exact:   10 words 1,024 coalitions 4.7 ms · 12 words 4,096 18 ms · 13 words 8,192 27 ms · 14 words 64 ms
 *   sampled: 4,096 coalitions 19–29 ms for 13–100 words, 46 ms for 256 words
 *   (through a plain-JS headLogits instead of the weights, every figure is 3–5× larger)
 * Up to 12 words exact values cost no more than sampled ones, so that is the cut.
 * Sampling error at 12 words against the exact values, as a share of the largest |value| (mean
 * over words / worst word, 7 texts): 1,024 coalitions 0.088 / 0.25, 4,096 0.050 / 0.11,
 * 16,384 0.024 / 0.06. 4,096 keeps the worst word within about a tenth of the strongest one,
 * enough to rank and colour words, in tens of milliseconds.
 */
export const EXACT_MAX_WORDS = 12;

/** Coalitions scored when sampling; the number of orders is this over (words − 1), at least MIN_ORDERS. */
export const SAMPLING_BUDGET = 4096;
export const MIN_ORDERS = 16;

/** Coalitions handed to the scorer per call (bounds the [coalitions × tokens] mask's memory). */
const CHUNK = 2048;

export interface AttributionOptions {
  /** Exact values up to this many words (default EXACT_MAX_WORDS; at most 20). */
  maxExactWords?: number;
  /** Coalitions to score when sampling (default SAMPLING_BUDGET). */
  samplingBudget?: number;
  /** Seed of the sampled orders (default 0). */
  seed?: number;
}

/** The words each token covers: token t covers words firstWord[t]..lastWord[t] (inclusive). */
export interface TokenWords {
  firstWord: ArrayLike<number>;
  lastWord: ArrayLike<number>;
}

export interface WordAttributions {
  /**
   * One value per word, in the scorer's units (log-odds of the explained class): > 0 pushed toward
   * it, < 0 away. 0 for a word no token covers (e.g. cut by the sequence length).
   * Σ values = full − empty (up to float64 rounding, ~1e-12).
   */
  values: Float64Array;
  /** Score of all tokens (the text as the model sees it). */
  full: number;
  /** Score of no tokens (the empty text). */
  empty: number;
  method: 'exact' | 'sampled';
  /** Coalitions scored. */
  evaluations: number;
  /** Orders drawn (0 for exact values). */
  orders: number;
}

/**
 * Shapley values of the words of one text.
 * @param wordCount number of words (players); values has this length
 * @param tokens for each of the scorer's T tokens, the consecutive words it covers
 * @param score scores coalitions of tokens (a token is present iff all the words it covers are)
 */
export function wordAttributions(wordCount: number, tokens: TokenWords, score: CoalitionScorer, options: AttributionOptions = {}): WordAttributions {
  const maxExact = options.maxExactWords ?? EXACT_MAX_WORDS;
  if (!Number.isInteger(maxExact) || maxExact < 0 || maxExact > 20) {
    throw new SiftError('INVALID_OPTION', `maxExactWords must be a whole number from 0 to 20 (got ${maxExact}).`);
  }
  const T = tokens.firstWord.length;
  // Players: the words some token covers, in order; every other word is a dummy with value 0.
  const covered = new Uint8Array(wordCount);
  for (let t = 0; t < T; t++) {
    const first = tokens.firstWord[t];
    const last = tokens.lastWord[t];
    if (!(first >= 0 && last >= first && last < wordCount)) {
      throw new SiftError('INVALID_OPTION', `Token ${t} covers words ${first}..${last}, outside the text's ${wordCount} words.`);
    }
    covered.fill(1, first, last + 1);
  }
  const players: number[] = [];
  const playerOf = new Int32Array(wordCount).fill(-1);
  covered.forEach((c, w) => {
    if (c === 1) playerOf[w] = players.push(w) - 1;
  });
  // A token covers consecutive words, all of them players, so its players are consecutive too.
  const firstPlayer = Int32Array.from({ length: T }, (_, t) => playerOf[tokens.firstWord[t]]);
  const lastPlayer = Int32Array.from({ length: T }, (_, t) => playerOf[tokens.lastWord[t]]);
  const game = { T, firstPlayer, lastPlayer, score };
  // One player has nothing to share: its value is v(all) − v(none), which the exact path gives.
  const result = players.length <= Math.max(maxExact, 1) ? exactValues(players.length, game) : sampledValues(players.length, game, options);
  const values = new Float64Array(wordCount);
  players.forEach((w, i) => (values[w] = result.values[i]));
  return { ...result, values };
}

interface Game {
  T: number;
  firstPlayer: Int32Array;
  lastPlayer: Int32Array;
  score: CoalitionScorer;
}

/** Every coalition scored (in binary order, so consecutive ones differ little), then the Shapley sum. */
function exactValues(p: number, game: Game): WordAttributions {
  const { T, firstPlayer, lastPlayer, score } = game;
  const need = Int32Array.from({ length: T }, (_, t) => ((1 << (lastPlayer[t] + 1)) - 1) & ~((1 << firstPlayer[t]) - 1));
  const total = 1 << p;
  const v = new Float64Array(total);
  const present = new Uint8Array(Math.min(CHUNK, total) * T);
  for (let from = 0; from < total; from += CHUNK) {
    const count = Math.min(CHUNK, total - from);
    for (let r = 0; r < count; r++) {
      const mask = from + r;
      for (let t = 0; t < T; t++) present[r * T + t] = (mask & need[t]) === need[t] ? 1 : 0;
    }
    v.set(score(present.subarray(0, count * T), count), from);
  }
  // φ_i = Σ_{S ∌ i} |S|! (p − |S| − 1)! / p! · (v(S ∪ {i}) − v(S)); the weight is 1 / (p · C(p−1, |S|)).
  const weight = new Float64Array(Math.max(p, 1));
  for (let s = 0, binomial = 1; s < p; s++) {
    weight[s] = 1 / (p * binomial);
    binomial = (binomial * (p - 1 - s)) / (s + 1);
  }
  const values = new Float64Array(p);
  for (let mask = 0; mask < total; mask++) {
    const w = weight[popcount(mask)];
    for (let i = 0; i < p; i++) {
      const bit = 1 << i;
      if ((mask & bit) === 0) values[i] += w * (v[mask | bit] - v[mask]);
    }
  }
  return { values, full: v[total - 1], empty: v[0], method: 'exact', evaluations: total, orders: 0 };
}

function popcount(x: number): number {
  let n = 0;
  for (let y = x; y !== 0; y &= y - 1) n++;
  return n;
}

/**
 * Orders drawn in antithetic pairs; each order's p − 1 proper non-empty prefixes are scored (the
 * empty and full coalitions, shared by all orders, once).
 */
function sampledValues(p: number, game: Game, options: AttributionOptions): WordAttributions {
  const { T, firstPlayer, lastPlayer, score } = game;
  const budget = options.samplingBudget ?? SAMPLING_BUDGET;
  if (!Number.isInteger(budget) || budget < 1) throw new SiftError('INVALID_OPTION', `samplingBudget must be a whole number of at least 1 (got ${budget}).`);
  const orders = 2 * Math.max(MIN_ORDERS / 2, Math.floor(budget / (2 * (p - 1))));
  const random = new SeededRandom(options.seed ?? 0);

  // Tokens by player, and how many players each token needs.
  const tokensOf: number[][] = Array.from({ length: p }, () => []);
  const size = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    size[t] = lastPlayer[t] - firstPlayer[t] + 1;
    for (let i = firstPlayer[t]; i <= lastPlayer[t]; i++) tokensOf[i].push(t);
  }

  const ends = score(new Uint8Array(2 * T).fill(1, T), 2);
  const empty = ends[0];
  const full = ends[1];
  const values = new Float64Array(p);
  const ordersPerChunk = Math.max(2, 2 * Math.floor(CHUNK / (2 * (p - 1))));
  const present = new Uint8Array(ordersPerChunk * (p - 1) * T);
  const have = new Int32Array(T);
  const order = Int32Array.from({ length: p }, (_, i) => i);
  const chunkOrders: Int32Array[] = [];
  for (let done = 0; done < orders; done += ordersPerChunk) {
    const n = Math.min(ordersPerChunk, orders - done);
    chunkOrders.length = 0;
    for (let o = 0; o < n; o += 2) {
      shuffle(order, random);
      chunkOrders.push(order.slice(), order.slice().reverse());
    }
    // Row (o, k): the first k + 1 players of order o, k = 0..p−2.
    let row = 0;
    for (const perm of chunkOrders) {
      have.fill(0);
      const inCoalition = new Uint8Array(T);
      for (let k = 0; k < p - 1; k++, row++) {
        for (const t of tokensOf[perm[k]]) if (++have[t] === size[t]) inCoalition[t] = 1;
        present.set(inCoalition, row * T);
      }
    }
    const v = score(present.subarray(0, row * T), row);
    chunkOrders.forEach((perm, o) => {
      let before = empty;
      for (let k = 0; k < p; k++) {
        const after = k === p - 1 ? full : v[o * (p - 1) + k];
        values[perm[k]] += after - before;
        before = after;
      }
    });
  }
  for (let i = 0; i < p; i++) values[i] /= orders;
  return { values, full, empty, method: 'sampled', evaluations: 2 + orders * (p - 1), orders };
}

function shuffle(array: Int32Array, random: SeededRandom): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
}
