/** Seeded initial weights, drawn in JS so every backend starts from exactly the same numbers. */
import { SeededRandom } from '../random';
import type { ModelShape, ModelWeights } from './types';

/** Keras' default Embedding initialiser range: uniform in [-0.05, 0.05]. */
const EMBEDDING_RANGE = 0.05;

function uniform(length: number, limit: number, random: SeededRandom): Float32Array {
  const out = new Float32Array(length);
  random.fillSymmetric(out, limit);
  return out;
}

/** Glorot-uniform kernels (Keras' Dense default), zero biases, uniform embedding rows. */
export function initialWeights(shape: ModelShape, seed: number): ModelWeights {
  const random = new SeededRandom(seed);
  const { vocabSize, embeddingDim, hiddenUnits, numClasses } = shape;
  return {
    shape: { ...shape },
    embedding: uniform(vocabSize * embeddingDim, EMBEDDING_RANGE, random),
    hiddenKernel: uniform(embeddingDim * hiddenUnits, Math.sqrt(6 / (embeddingDim + hiddenUnits)), random),
    hiddenBias: new Float32Array(hiddenUnits),
    outputKernel: uniform(hiddenUnits * numClasses, Math.sqrt(6 / (hiddenUnits + numClasses)), random),
    outputBias: new Float32Array(numClasses),
  };
}
