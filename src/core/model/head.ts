/**
 * The classifier's dense layers on the tfjs backend: Dense(h, relu) → Dense(k) (→ softmax).
 *
 * Training runs the forward and backward pass by hand (headGradients) rather than through tfjs'
 * autodiff: for a model this small the per-op cost dominates, and the tape doubled the op count
 * (identity/multiply bookkeeping) for the same numbers. A test checks these gradients against
 * tf.grads.
 */
import * as tf from '@tensorflow/tfjs';

export interface HeadTensors extends tf.NamedTensorMap {
  /** [d, h] */
  hiddenKernel: tf.Tensor2D;
  /** [h] */
  hiddenBias: tf.Tensor1D;
  /** [h, k] */
  outputKernel: tf.Tensor2D;
  /** [k] */
  outputBias: tf.Tensor1D;
}

function hiddenActivations(pooled: tf.Tensor2D, head: HeadTensors): tf.Tensor2D {
  return tf.fused.matMul({ a: pooled, b: head.hiddenKernel, bias: head.hiddenBias, activation: 'relu' }) as tf.Tensor2D;
}

/** pooled [B, d] → logits [B, k]. */
export function headLogits(pooled: tf.Tensor2D, head: HeadTensors): tf.Tensor2D {
  return tf.fused.matMul({ a: hiddenActivations(pooled, head), b: head.outputKernel, bias: head.outputBias }) as tf.Tensor2D;
}

/**
 * Operands the backward pass needs transposed, transposed in JS before upload. tfjs-backend-wasm
 * 4.22 runs matMul with a transposed operand ~10× slower than a plain one (64×64 by 64×64:
 * ~195 µs vs ~20 µs), and the backward pass has two such products per step; passing the
 * transposes made the whole head step ~2.5× faster (~560 → ~225 µs, batches of 64).
 */
export interface TransposedOperands extends tf.NamedTensorMap {
  /** [d, B] the pooled batch, transposed. */
  pooledT: tf.Tensor2D;
  /** [h, d] */
  hiddenKernelT: tf.Tensor2D;
  /** [k, h] */
  outputKernelT: tf.Tensor2D;
}

/** out[j, i] = values[i, j] for a row-major [rows × cols] matrix; `out` is reused when given. */
export function transposed(values: Float32Array, rows: number, cols: number, out = new Float32Array(rows * cols)): Float32Array {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j];
  }
  return out;
}

export interface HeadGradients extends tf.NamedTensorMap {
  /** [B, k] logits of the forward pass. */
  logits: tf.Tensor2D;
  /** [B, d] gradient with respect to the pooled input. */
  pooled: tf.Tensor2D;
  hiddenKernel: tf.Tensor2D;
  hiddenBias: tf.Tensor1D;
  outputKernel: tf.Tensor2D;
  outputBias: tf.Tensor1D;
}

/**
 * Forward and backward pass of loss = Σ_b scale[b] · CE(softmax(logits[b]), targets[b]).
 * With scale[b] = classWeight(y_b) / B this is the (class-weighted) mean cross-entropy.
 *
 * @param pooled [B, d] (dropout already applied)
 * @param targets [B, k] one-hot labels
 * @param scale [B, 1] per-example loss weight
 * @param t `pooled` and the kernels, transposed (see TransposedOperands)
 */
export function headGradients(pooled: tf.Tensor2D, targets: tf.Tensor2D, scale: tf.Tensor2D, head: HeadTensors, t: TransposedOperands): HeadGradients {
  return tf.tidy(() => {
    const hidden = hiddenActivations(pooled, head); // [B, h]
    const logits = tf.fused.matMul({ a: hidden, b: head.outputKernel, bias: head.outputBias }); // [B, k]
    const dLogits = tf.mul(tf.sub(tf.softmax(logits), targets), scale); // [B, k]
    const dHidden = tf.mul(tf.matMul(dLogits, t.outputKernelT), tf.step(hidden)); // [B, h] through relu
    return {
      logits: logits as tf.Tensor2D,
      pooled: tf.matMul(dHidden, t.hiddenKernelT),
      hiddenKernel: tf.matMul(t.pooledT, dHidden),
      hiddenBias: tf.sum(dHidden, 0) as tf.Tensor1D,
      // hiddenᵀ lives on the backend: an explicit transpose (a copy of [B × h]) is still cheaper
      // than the transposed matMul.
      outputKernel: tf.matMul(tf.transpose(hidden), dLogits),
      outputBias: tf.sum(dLogits, 0) as tf.Tensor1D,
    };
  });
}
