/** Per-row arithmetic on row-major [n × k] score matrices, shared by training and prediction. */

/** Index of the largest of k values starting at `at` (the first on a tie). */
export function argmaxAt(values: ArrayLike<number>, at: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[at + j] > values[at + best]) best = j;
  return best;
}

/** Softmax of each k-wide row of `logits`, in place, computed stably (max subtracted). */
export function softmaxRows(logits: Float32Array, k: number): Float32Array {
  for (let at = 0; at < logits.length; at += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[at + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[at + j] - max);
    for (let j = 0; j < k; j++) logits[at + j] = Math.exp(logits[at + j] - max) / sum;
  }
  return logits;
}

/** Cross-entropy of one row of logits against class y, computed stably in JS. */
export function rowCrossEntropy(logits: Float32Array, at: number, k: number, y: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, logits[at + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(logits[at + j] - max);
  return Math.log(sum) + max - logits[at + y];
}
