import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';
import { BUNDLE_FILES } from './files';

/**
 * Largest value any intermediate of a prediction may reach, with every input: far above what a
 * trained model produces (logits of a few dozen; a bound of ~1e5 for the defaults) and far below
 * float32's 3.4e38, past which a sum becomes Infinity and a probability NaN.
 */
const MAX_INTERMEDIATE = 1e30;

const badWeights = (message: string): SiftError => new SiftError('BUNDLE_BAD_WEIGHTS', message);

const NAMES = ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const;

/**
 * Checks that these weights give a finite probability distribution for EVERY text, not only the
 * ones tried: all weights finite, and an upper bound of every intermediate of the forward pass
 * (sum of up to `sequenceLength` embedding rows, each hidden unit, each logit) below
 * MAX_INTERMEDIATE. 3e38 is a finite float32 but makes the first sum Infinity; this refuses it
 * with BUNDLE_BAD_WEIGHTS. Then predicts a few texts in float32 and checks that each gives
 * probabilities in [0, 1] that sum to 1. No tensors: plain loops over the arrays.
 */
export function checkWeights(weights: ModelWeights, sequenceLength: number): void {
  const maxAbs: Record<(typeof NAMES)[number], number> = { embedding: 0, hiddenKernel: 0, hiddenBias: 0, outputKernel: 0, outputBias: 0 };
  for (const name of NAMES) {
    const values = weights[name];
    let max = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        throw badWeights(`${BUNDLE_FILES.weights} is damaged: the ${name} weights contain ${v} (at index ${i}), which no trained model has.`);
      }
      const a = Math.abs(v);
      if (a > max) max = a;
    }
    maxAbs[name] = max;
  }
  const bound = forwardBound(weights, maxAbs.embedding, sequenceLength);
  if (!(bound <= MAX_INTERMEDIATE)) {
    const largest = Math.max(...Object.values(maxAbs));
    throw badWeights(
      `${BUNDLE_FILES.weights} holds weights as large as ${largest.toExponential(1)}: with them some texts would get infinite or undefined (NaN) ` +
        'probabilities. No trained model has such weights; the file is damaged or was made to break Sift.',
    );
  }
  checkProbePredictions(weights);
}

/** An upper bound of |every intermediate value| of the forward pass over any text of ≤ n tokens. */
function forwardBound(w: ModelWeights, embeddingMax: number, n: number): number {
  const { embeddingDim: d, hiddenUnits: h, numClasses: k } = w.shape;
  // The masked mean may be computed as a sum first: n rows at most.
  let bound = embeddingMax * Math.max(1, n);
  const hidden = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let sum = Math.abs(w.hiddenBias[j]);
    for (let i = 0; i < d; i++) sum += embeddingMax * Math.abs(w.hiddenKernel[i * h + j]);
    hidden[j] = sum;
    if (sum > bound) bound = sum;
  }
  for (let c = 0; c < k; c++) {
    let sum = Math.abs(w.outputBias[c]);
    for (let j = 0; j < h; j++) sum += hidden[j] * Math.abs(w.outputKernel[j * k + c]);
    if (sum > bound) bound = sum;
  }
  return bound;
}

/** A few texts as token ids: an unknown word, the most frequent tokens, the rarest, a spread. */
function probeTexts(vocabSize: number): number[][] {
  const first = Array.from({ length: Math.min(64, vocabSize - 2) }, (_, i) => i + 2);
  const stride = Math.max(1, Math.floor(vocabSize / 64));
  const spread = Array.from({ length: Math.ceil(vocabSize / stride) }, (_, i) => i * stride).filter((id) => id >= 1 && id < vocabSize);
  return [[1], first, [vocabSize - 1], spread].filter((ids) => ids.length > 0);
}

/**
 * Sift's forward pass in float32 (Math.fround at each stored value, as the backends keep
 * float32): masked mean → relu(dense) → softmax(dense). Each probe must give probabilities that
 * are finite, within [0, 1], and sum to 1.
 */
function checkProbePredictions(w: ModelWeights): void {
  const { embeddingDim: d, hiddenUnits: h, numClasses: k } = w.shape;
  for (const ids of probeTexts(w.shape.vocabSize)) {
    const mean = new Float32Array(d);
    for (const id of ids) for (let i = 0; i < d; i++) mean[i] += w.embedding[id * d + i];
    for (let i = 0; i < d; i++) mean[i] /= ids.length;
    const hidden = new Float32Array(h);
    for (let j = 0; j < h; j++) {
      let sum = w.hiddenBias[j];
      for (let i = 0; i < d; i++) sum = Math.fround(sum + Math.fround(mean[i] * w.hiddenKernel[i * h + j]));
      hidden[j] = Math.max(0, sum);
    }
    const logits = new Float32Array(k);
    for (let c = 0; c < k; c++) {
      let sum = w.outputBias[c];
      for (let j = 0; j < h; j++) sum = Math.fround(sum + Math.fround(hidden[j] * w.outputKernel[j * k + c]));
      logits[c] = sum;
    }
    const top = Math.max(...logits);
    const exps = Array.from(logits, (l) => Math.exp(l - top));
    const total = exps.reduce((a, b) => a + b, 0);
    const probabilities = exps.map((e) => e / total);
    const ok = probabilities.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) && Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-4;
    if (!ok) {
      throw badWeights(`${BUNDLE_FILES.weights} gives no valid probabilities for a test text (got ${probabilities.slice(0, 3).map(String).join(', ')}…); the file is damaged.`);
    }
  }
}
