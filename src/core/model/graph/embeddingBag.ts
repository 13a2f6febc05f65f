/**
 * The fused "embedding bag" as a tfjs op: Embedding lookup + masked mean, with a sparse gradient.
 *
 * Why fused: tfjs 4.22's GlobalAveragePooling1D ignores the embedding mask, so padding would
 * dilute every short text's average; and the generic gather gradient keeps a [B, L, d]
 * intermediate on the tape and transposes before its segment sum. Here the forward pass is
 * gather → weight → sum, and the backward pass is one O(N) scatter-add of dy·weight into the rows
 * the batch used (UnsortedSegmentSum, made O(N) on every backend by segmentSumKernel.ts).
 *
 * This is the tfjs-level fix for anyone training an embedding through tfjs ops. Sift's training
 * loop goes one step further and does the same arithmetic in JS on the touched rows (batch.ts:
 * poolBatch / rowGradients, tested against this op), because tfjs' gather kernel alone cost more
 * than the rest of a training step on wasm and cpu.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * pooled[b] = Σ_l weights[b, l] · table[ids[b, l]].
 *
 * @param table [V, d] float32 — embedding rows (the only input that receives a gradient).
 * @param ids [B, L] int32 — row ids; padding positions may hold any valid id (usually 0).
 * @param weights [B, L] float32 — 1/n for the n real tokens of text b, 0 for padding; so the
 *   result is the mean of the real tokens' rows and padding contributes nothing.
 * @returns [B, d] float32. Its gradient with respect to `table` is [V, d] and is non-zero only
 *   in the rows listed in `ids`; `ids` and `weights` are treated as constants.
 */
export function embeddingBag(table: tf.Tensor2D, ids: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
  const [batch, length] = ids.shape;
  const [vocab, dim] = table.shape;
  if (weights.shape[0] !== batch || weights.shape[1] !== length) {
    throw new Error(`embeddingBag: weights ${weights.shape} do not match ids ${ids.shape}`);
  }
  const op = tf.customGrad<tf.Tensor2D>((...inputs) => {
    const t = inputs[0] as tf.Tensor2D;
    const value = tf.tidy(() => {
      const flatIds = tf.reshape(ids, [batch * length]) as tf.Tensor1D;
      const rows = tf.gather(t, flatIds); // [B·L, d]
      return tf.sum(tf.mul(tf.reshape(rows, [batch, length, dim]), tf.expandDims(weights, 2)), 1) as tf.Tensor2D;
    });
    const gradFunc = (dy: tf.Tensor2D): tf.Tensor => tf.tidy(() => {
      const perPosition = tf.mul(tf.expandDims(dy, 1), tf.expandDims(weights, 2)); // [B, L, d]
      const flatIds = tf.reshape(ids, [batch * length]) as tf.Tensor1D;
      return tf.unsortedSegmentSum(tf.reshape(perPosition, [batch * length, dim]), flatIds, vocab);
    });
    return { value, gradFunc };
  });
  return op(table);
}
