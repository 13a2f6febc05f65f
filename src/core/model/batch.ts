/**
 * Turning a ragged EncodedCorpus into padded batches for the embedding bag.
 *
 * Each batch is padded only to its own longest text (dynamic padding), and carries the per-position
 * weights of the masked mean (1/n for the n real tokens of a text, 0 for padding), so padding never
 * dilutes a short text's average.
 */
import { PAD_ID, type EncodedCorpus } from '../text/types';

export interface BagBatch {
  /** Texts in the batch (B). */
  size: number;
  /** Padded length (L): the longest text of this batch, at least 1. */
  length: number;
  /** [B × L] row-major token ids; padding is PAD_ID. */
  ids: Int32Array;
  /** [B × L] row-major weights of the masked mean. */
  weights: Float32Array;
  /**
   * [B] real tokens per text (they come first in its row, padding after): the JS loops stop
   * there, because one long text pads every row of its batch (SMS: ~35 tokens on average, rows
   * padded to ~190).
   */
  lengths: Int32Array;
  /** [B] class indices (empty when the corpus is unlabelled). */
  labels: Int32Array;
}

/** Number of texts in a corpus. */
export function corpusSize(corpus: EncodedCorpus): number {
  return Math.max(0, corpus.offsets.length - 1);
}

/** 0, 1, …, n − 1: a corpus in its own order. */
export function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** All batches of a corpus in its own order (for evaluation and prediction). */
export function* corpusBatches(corpus: EncodedCorpus, batchSize: number, maxLength: number): Generator<BagBatch> {
  const n = corpusSize(corpus);
  const order = identityOrder(n);
  for (let start = 0; start < n; start += batchSize) yield bagBatch(corpus, order, start, Math.min(n, start + batchSize), maxLength);
}

/**
 * Builds the batch of texts `order[start .. end)`, each truncated to `maxLength` tokens.
 * `order` lets the training loop pass its shuffled permutation without copying the corpus.
 */
export function bagBatch(corpus: EncodedCorpus, order: ArrayLike<number>, start: number, end: number, maxLength: number): BagBatch {
  const size = end - start;
  let length = 1;
  for (let i = start; i < end; i++) {
    const t = order[i];
    length = Math.max(length, Math.min(maxLength, corpus.offsets[t + 1] - corpus.offsets[t]));
  }
  const ids = new Int32Array(size * length).fill(PAD_ID);
  const weights = new Float32Array(size * length);
  const hasLabels = corpus.labels.length > 0;
  const labels = new Int32Array(hasLabels ? size : 0);
  const lengths = new Int32Array(size);
  for (let b = 0; b < size; b++) {
    const t = order[start + b];
    const from = corpus.offsets[t];
    const n = Math.min(maxLength, corpus.offsets[t + 1] - from);
    lengths[b] = n;
    const w = 1 / n;
    for (let l = 0; l < n; l++) {
      ids[b * length + l] = corpus.ids[from + l];
      weights[b * length + l] = w;
    }
    if (hasLabels) labels[b] = corpus.labels[t];
  }
  return { size, length, ids, weights, lengths, labels };
}

export interface TouchedRows {
  /** Distinct ids of the batch's real tokens, in order of first use (u of them). */
  rows: Int32Array;
  /** [B × L]: each position's index into `rows`, or -1 for padding. */
  localIds: Int32Array;
}

/**
 * The distinct embedding rows a batch's real tokens use, so that only those get a gradient and an
 * update. `slots` is scratch space of the vocabulary's size, all -1 on entry and restored to all -1
 * on return (reused across batches without an O(V) reset).
 */
export function touchedRows(batch: BagBatch, slots: Int32Array): TouchedRows {
  const { ids, size, length, lengths } = batch;
  const localIds = new Int32Array(ids.length).fill(-1);
  // Sized for the worst case (every position a new row) rather than grown: a typed array avoids
  // the boxed JS array and its copy, which showed up in the step's profile.
  const rows = new Int32Array(ids.length);
  let count = 0;
  for (let b = 0; b < size; b++) {
    for (let i = b * length, end = i + lengths[b]; i < end; i++) {
      const id = ids[i];
      let slot = slots[id];
      if (slot < 0) {
        slot = count++;
        slots[id] = slot;
        rows[slot] = id;
      }
      localIds[i] = slot;
    }
  }
  for (let j = 0; j < count; j++) slots[rows[j]] = -1;
  return { rows: rows.subarray(0, count), localIds };
}

/**
 * The masked mean of each text's embedding rows, computed in JS from the table.
 * @returns pooled [B × d]: Σ_l weights[b, l] · table[ids[b, l]]
 */
export function poolBatch(table: Float32Array, dim: number, batch: BagBatch): Float32Array {
  const { size, length, ids, weights, lengths } = batch;
  const pooled = new Float32Array(size * dim);
  for (let b = 0; b < size; b++) {
    const out = b * dim;
    for (let i = b * length, end = i + lengths[b]; i < end; i++) {
      const w = weights[i];
      const row = ids[i] * dim;
      for (let k = 0; k < dim; k++) pooled[out + k] += w * table[row + k];
    }
  }
  return pooled;
}

/**
 * Gradient of the loss with respect to the touched rows, given its gradient with respect to the
 * pooled vectors: the transpose of poolBatch, an O(N × d) scatter-add.
 * @param dPooled [B × d]
 * @param scratch optional buffer to reuse; when it holds at least rows.length × d floats, the result
 *   is a view of it (overwritten by the next call with the same scratch)
 * @returns [rows.length × d], row j for table row touched.rows[j]
 */
export function rowGradients(batch: BagBatch, touched: TouchedRows, dPooled: Float32Array, dim: number, scratch?: Float32Array): Float32Array {
  const { size, length, weights, lengths } = batch;
  const n = touched.rows.length * dim;
  // A caller's scratch spares a fresh [u × d] array per step: at a few hundred kB each, those
  // allocations were a visible share of the step's garbage collection.
  const grad = scratch && scratch.length >= n ? scratch.subarray(0, n).fill(0) : new Float32Array(n);
  for (let b = 0; b < size; b++) {
    const from = b * dim;
    for (let i = b * length, end = i + lengths[b]; i < end; i++) {
      const w = weights[i];
      const to = touched.localIds[i] * dim;
      for (let k = 0; k < dim; k++) grad[to + k] += w * dPooled[from + k];
    }
  }
  return grad;
}
