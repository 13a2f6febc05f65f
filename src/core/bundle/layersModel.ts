import * as tf from '@tensorflow/tfjs';
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';

/**
 * Sift's classifier as a standard tfjs Layers model, so that model.json + weights.bin load with a
 * plain `tf.loadLayersModel` anywhere:
 *   ids [batch, length] → Embedding(vocabSize, embeddingDim) → GlobalAveragePooling1D
 *   → Dense(hiddenUnits, relu) → Dense(numClasses, softmax) → probabilities [batch, numClasses].
 * Sift itself computes a MASKED mean (padding ignored). tfjs 4.22's GlobalAveragePooling1D ignores
 * the Embedding's mask, so the two agree exactly when one text is fed unpadded ([1, n]); `maskZero`
 * is still set so that libraries that honour masks (Keras) compute Sift's mean on padded batches.
 */
export const LAYER_NAMES = { embedding: 'embedding', pooling: 'mean', hidden: 'hidden', output: 'output' } as const;
export const MODEL_NAME = 'sift_classifier';

/** Builds the Layers model holding `weights`. The caller disposes it. */
export function buildLayersModel(weights: ModelWeights): tf.LayersModel {
  const { vocabSize, embeddingDim, hiddenUnits, numClasses } = weights.shape;
  const model = tf.sequential({
    name: MODEL_NAME,
    layers: [
      tf.layers.embedding({
        name: LAYER_NAMES.embedding,
        inputDim: vocabSize,
        outputDim: embeddingDim,
        maskZero: true,
        batchInputShape: [null, null],
        embeddingsInitializer: 'zeros', // overwritten below; zeros avoid drawing random numbers
      }),
      tf.layers.globalAveragePooling1d({ name: LAYER_NAMES.pooling }),
      tf.layers.dense({ name: LAYER_NAMES.hidden, units: hiddenUnits, activation: 'relu', kernelInitializer: 'zeros' }),
      tf.layers.dense({ name: LAYER_NAMES.output, units: numClasses, activation: 'softmax', kernelInitializer: 'zeros' }),
    ],
  });
  tf.tidy(() => {
    model.getLayer(LAYER_NAMES.embedding).setWeights([tf.tensor2d(weights.embedding, [vocabSize, embeddingDim])]);
    model.getLayer(LAYER_NAMES.hidden).setWeights([tf.tensor2d(weights.hiddenKernel, [embeddingDim, hiddenUnits]), tf.tensor1d(weights.hiddenBias)]);
    model.getLayer(LAYER_NAMES.output).setWeights([tf.tensor2d(weights.outputKernel, [hiddenUnits, numClasses]), tf.tensor1d(weights.outputBias)]);
  });
  return model;
}

/** Checks that a ModelWeights' arrays have the sizes its shape says (BUNDLE_MISMATCH otherwise). */
export function checkWeightSizes(weights: ModelWeights): void {
  const { vocabSize: v, embeddingDim: d, hiddenUnits: h, numClasses: c } = weights.shape;
  const expected: [keyof Omit<ModelWeights, 'shape'>, number][] = [
    ['embedding', v * d],
    ['hiddenKernel', d * h],
    ['hiddenBias', h],
    ['outputKernel', h * c],
    ['outputBias', c],
  ];
  for (const [name, size] of expected) {
    if (weights[name].length !== size) {
      throw new SiftError('BUNDLE_MISMATCH', `The ${name} weights have ${weights[name].length} values but the model's shape needs ${size}.`);
    }
  }
}
