/**
 * Test stand-ins for the model's dense head and table, in plain JS: the explain module takes the
 * head as a function on Float32Arrays, and these are the smallest such functions.
 */
import type { ModelWeights } from '@/core/model/types';
import type { BagOfEmbeddings, HeadLogits } from '@/core/explain/coalitionScorer';

/** Dense(relu) → Dense: pooled [rows × d] → logits [rows × k], float64 sums. */
export function denseHead(weights: Pick<ModelWeights, 'shape' | 'hiddenKernel' | 'hiddenBias' | 'outputKernel' | 'outputBias'>): HeadLogits {
  const { embeddingDim: d, hiddenUnits: h, numClasses: k } = weights.shape;
  const { hiddenKernel, hiddenBias, outputKernel, outputBias } = weights;
  return (pooled, rows) => {
    const logits = new Float32Array(rows * k);
    const hidden = new Float64Array(h);
    const out = new Float64Array(k);
    for (let r = 0; r < rows; r++) {
      // Row by row of the kernels, so the inner loops read memory in order.
      hidden.set(hiddenBias);
      for (let i = 0; i < d; i++) {
        const x = pooled[r * d + i];
        for (let u = 0; u < h; u++) hidden[u] += x * hiddenKernel[i * h + u];
      }
      out.set(outputBias);
      for (let u = 0; u < h; u++) {
        const a = Math.max(0, hidden[u]);
        for (let c = 0; c < k; c++) out[c] += a * outputKernel[u * k + c];
      }
      logits.set(out, r * k);
    }
    return logits;
  };
}

/** A trained model's weights as the explain module takes them; `dense` adds the head's weights (the fast path). */
export function bagOf(weights: ModelWeights, dense = true): BagOfEmbeddings {
  const { embedding, shape, hiddenKernel, hiddenBias, outputKernel, outputBias } = weights;
  const model = { embedding, dim: shape.embeddingDim, numClasses: shape.numClasses, headLogits: denseHead(weights) };
  return dense ? { ...model, dense: { hiddenKernel, hiddenBias, outputKernel, outputBias } } : model;
}

/** A head that is one linear layer: logits = pooled · W + b, W [d × k] given row by row. */
export function linearHead(rowsOfW: number[][], bias: number[]): HeadLogits {
  const d = rowsOfW.length;
  const k = bias.length;
  return (pooled, rows) => {
    const logits = new Float32Array(rows * k);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < k; c++) {
        let s = bias[c];
        for (let i = 0; i < d; i++) s += pooled[r * d + i] * rowsOfW[i][c];
        logits[r * k + c] = s;
      }
    }
    return logits;
  };
}
