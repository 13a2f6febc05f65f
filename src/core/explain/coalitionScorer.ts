/**
 * Scores of coalitions of tokens for Sift's model (Embedding → masked mean → dense head), the
 * reference scorer behind word attributions. Nothing here knows tfjs: the dense head comes in
 * as a function on plain Float32Arrays (or as its plain weights), so any runtime plugs in.
 */
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';
import { OOV_ID } from '../text/types';

/**
 * The model's dense head on plain data: pooled [rows × dim] (row-major) → logits [rows × numClasses].
 * Called with up to COALITION_BATCH rows at a time.
 */
export type HeadLogits = (pooled: Float32Array, rows: number) => Float32Array;

/** The weights of Sift's head, Dense(hiddenUnits, relu) → Dense(numClasses), row-major as tfjs stores them. */
export type DenseHeadWeights = Pick<ModelWeights, 'hiddenKernel' | 'hiddenBias' | 'outputKernel' | 'outputBias'>;

/** A bag-of-embeddings classifier as plain data plus its head. */
export interface BagOfEmbeddings {
  /** [vocabSize × dim], row-major. */
  embedding: Float32Array;
  dim: number;
  numClasses: number;
  headLogits: HeadLogits;
  /**
   * The head's weights, where headLogits is Sift's Dense(relu) → Dense (optional). Coalitions are
   * then scored without headLogits, several times faster: the first Dense layer is linear, so the
   * layer applied to a mean is the mean of the layer applied to each row, and each token's row is
   * projected once; a coalition then costs its changed tokens × hiddenUnits plus the output layer
   * instead of dim × hiddenUnits (measured in bench/explain-cost.ts). headLogits still gives the
   * prediction; a test checks that both paths give the same scores.
   */
  dense?: DenseHeadWeights;
}

/**
 * Scores `count` coalitions of a text's T tokens at once: present is [count × T] row-major,
 * present[r·T + t] = 1 when token t is in coalition r (0 otherwise). Returns one score per coalition.
 */
export type CoalitionScorer = (present: Uint8Array, count: number) => Float64Array;

/** Rows per call of the head: bounds memory (rows × dim floats) whatever the number of coalitions. */
export const COALITION_BATCH = 1024;

/**
 * The log-odds of class c from one row of logits: z_c − log Σ_{j≠c} exp(z_j) = log(p_c / (1 − p_c)),
 * computed in float64 from the logits, never from probabilities: a float32 softmax rounds
 * p_c to exactly 1 at high confidence, where the log-odds from the logits stay finite and exact.
 */
export function logOddsFromLogits(logits: ArrayLike<number>, offset: number, numClasses: number, c: number): number {
  let max = -Infinity;
  for (let j = 0; j < numClasses; j++) if (j !== c && logits[offset + j] > max) max = logits[offset + j];
  let sum = 0;
  for (let j = 0; j < numClasses; j++) if (j !== c) sum += Math.exp(logits[offset + j] - max);
  return logits[offset + c] - max - Math.log(sum);
}

/** Index of the largest of `numClasses` logits from `offset` (the first, on ties). */
export function argmax(values: ArrayLike<number>, offset: number, numClasses: number): number {
  let best = 0;
  for (let j = 1; j < numClasses; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

/** The masked mean of `ids`' rows [dim], or the row of `emptyId` when there are none. */
export function pooledMean(model: Pick<BagOfEmbeddings, 'embedding' | 'dim'>, ids: ArrayLike<number>, emptyId = OOV_ID): Float32Array {
  const { embedding, dim } = model;
  if (ids.length === 0) return embedding.slice(emptyId * dim, (emptyId + 1) * dim);
  const sum = new Float64Array(dim);
  for (let i = 0; i < ids.length; i++) {
    const at = ids[i] * dim;
    for (let j = 0; j < dim; j++) sum[j] += embedding[at + j];
  }
  return Float32Array.from(sum, (s) => s / ids.length);
}

/**
 * Calls visit(r, sum, size) for each coalition r with the float64 sum of its tokens' rows
 * (token t's row is rows[t·width ..]) and its number of tokens. Each sum is made from the previous
 * coalition's by adding and removing the tokens that differ (coalitions along one order of the
 * words differ by one word; in binary order by two on average), or from scratch where that is
 * cheaper; in float64, so sums that differ by a few rows keep their digits.
 */
function forEachCoalitionSum(
  present: Uint8Array,
  count: number,
  T: number,
  rows: ArrayLike<number>,
  width: number,
  visit: (r: number, sum: Float64Array, size: number) => void,
): void {
  const sum = new Float64Array(width);
  const add = (t: number, sign: number): void => {
    const at = t * width;
    for (let j = 0; j < width; j++) sum[j] += sign * rows[at + j];
  };
  for (let r = 0; r < count; r++) {
    const row = r * T;
    const previous = row - T;
    let size = 0;
    let changed = 0;
    for (let t = 0; t < T; t++) {
      size += present[row + t];
      if (r > 0 && present[row + t] !== present[previous + t]) changed++;
    }
    if (r === 0 || changed > size) {
      sum.fill(0);
      for (let t = 0; t < T; t++) if (present[row + t] === 1) add(t, 1);
    } else if (changed > 0) {
      for (let t = 0; t < T; t++) if (present[row + t] !== present[previous + t]) add(t, present[row + t] === 1 ? 1 : -1);
    }
    visit(r, sum, size);
  }
}

function checkIds(vocabSize: number, ids: ArrayLike<number>): void {
  for (let i = 0; i < ids.length; i++) {
    if (!(ids[i] >= 0 && ids[i] < vocabSize)) throw new SiftError('BUNDLE_MISMATCH', `Token id ${ids[i]} is outside the model's vocabulary of ${vocabSize}.`);
  }
}

/**
 * The scorer for one text: the score of a coalition is the log-odds of class `target` for the
 * text with only the coalition's tokens, the masked mean of their rows going through the head.
 * A coalition with no tokens is the EMPTY TEXT, represented as the model represents "": a text
 * without tokens is fed one <unk> (text/encode.ts), so its mean is the <unk> row (`emptyId`). That
 * makes the empty coalition's score exactly the score the model gives "", and a text of unknown
 * words only (all <unk>, whose mean is that same row) gets attributions that are all 0.
 *
 * @param ids the T token ids the model sees (SeenTokens.ids without the placeholder)
 */
export function coalitionScorer(model: BagOfEmbeddings, ids: ArrayLike<number>, target: number, emptyId = OOV_ID): CoalitionScorer {
  const { embedding, dim, numClasses } = model;
  checkIds(embedding.length / dim, [...Array.from(ids), emptyId]);
  if (!(Number.isInteger(target) && target >= 0 && target < numClasses)) {
    throw new SiftError('INVALID_OPTION', `Class ${target} is not one of the model's ${numClasses} classes.`);
  }
  return model.dense !== undefined ? projectedScorer(model, model.dense, ids, target, emptyId) : pooledScorer(model, ids, target, emptyId);
}

/** Pools each coalition and calls headLogits, COALITION_BATCH coalitions at a time. */
function pooledScorer(model: BagOfEmbeddings, ids: ArrayLike<number>, target: number, emptyId: number): CoalitionScorer {
  const { embedding, dim, numClasses, headLogits } = model;
  const T = ids.length;
  const rows = new Float32Array(T * dim);
  for (let t = 0; t < T; t++) rows.set(embedding.subarray(ids[t] * dim, (ids[t] + 1) * dim), t * dim);
  const emptyRow = embedding.subarray(emptyId * dim, (emptyId + 1) * dim);
  return (present, count) => {
    const scores = new Float64Array(count);
    for (let from = 0; from < count; from += COALITION_BATCH) {
      const batch = Math.min(COALITION_BATCH, count - from);
      const pooled = new Float32Array(batch * dim);
      forEachCoalitionSum(present.subarray(from * T, (from + batch) * T), batch, T, rows, dim, (r, sum, size) => {
        if (size === 0) pooled.set(emptyRow, r * dim);
        else for (let j = 0; j < dim; j++) pooled[r * dim + j] = sum[j] / size;
      });
      const logits = headLogits(pooled, batch);
      for (let r = 0; r < batch; r++) scores[from + r] = logOddsFromLogits(logits, r * numClasses, numClasses, target);
    }
    return scores;
  };
}

/** Sums the tokens' rows projected through the first Dense layer (see BagOfEmbeddings.dense). */
function projectedScorer(model: BagOfEmbeddings, dense: DenseHeadWeights, ids: ArrayLike<number>, target: number, emptyId: number): CoalitionScorer {
  const { embedding, dim: d, numClasses: k } = model;
  const { hiddenKernel, hiddenBias, outputKernel, outputBias } = dense;
  const h = hiddenBias.length;
  if (hiddenKernel.length !== d * h || outputKernel.length !== h * k || outputBias.length !== k) {
    throw new SiftError('BUNDLE_MISMATCH', `The head's weights do not fit an embedding of ${d} and ${k} classes.`);
  }
  const project = (id: number, out: Float64Array, at: number): void => {
    for (let i = 0; i < d; i++) {
      const x = embedding[id * d + i];
      for (let u = 0; u < h; u++) out[at + u] += x * hiddenKernel[i * h + u];
    }
  };
  const T = ids.length;
  const projected = new Float64Array(T * h);
  for (let t = 0; t < T; t++) project(ids[t], projected, t * h);
  const projectedEmpty = new Float64Array(h);
  project(emptyId, projectedEmpty, 0);
  const logits = new Float64Array(k);
  return (present, count) => {
    const scores = new Float64Array(count);
    forEachCoalitionSum(present, count, T, projected, h, (r, sum, size) => {
      logits.set(outputBias);
      for (let u = 0; u < h; u++) {
        const a = Math.max(0, (size === 0 ? projectedEmpty[u] : sum[u] / size) + hiddenBias[u]);
        if (a === 0) continue;
        for (let c = 0; c < k; c++) logits[c] += a * outputKernel[u * k + c];
      }
      scores[r] = logOddsFromLogits(logits, 0, k, target);
    });
    return scores;
  };
}
