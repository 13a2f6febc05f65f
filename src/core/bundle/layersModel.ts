import * as tf from '@tensorflow/tfjs';
import { SiftError } from '../errors';
import type { ModelShape, ModelWeights } from '../model/types';

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

/**
 * Reads the weights back from a Layers model of Sift's architecture, as plain arrays (copies).
 * Throws BUNDLE_MISMATCH when the model is not that architecture.
 */
export async function readLayersModel(model: tf.LayersModel): Promise<ModelWeights> {
  const layers = model.layers.map((layer) => layer.getClassName());
  const expected = ['Embedding', 'GlobalAveragePooling1D', 'Dense', 'Dense'];
  if (layers.length !== expected.length || layers.some((name, i) => name !== expected[i])) {
    throw new SiftError(
      'BUNDLE_MISMATCH',
      `model.json is not a Sift classifier: its layers are ${layers.join(' → ')}, not ${expected.join(' → ')}.`,
    );
  }
  const activations = [2, 3].map((i) => (model.layers[i].getConfig() as { activation?: unknown }).activation);
  if (activations[0] !== 'relu' || activations[1] !== 'softmax') {
    throw new SiftError('BUNDLE_MISMATCH', `model.json's dense layers use ${activations.join(' and ')} activations, not relu and softmax.`);
  }
  const [embedding] = model.layers[0].getWeights();
  const [hiddenKernel, hiddenBias] = model.layers[2].getWeights();
  const [outputKernel, outputBias] = model.layers[3].getWeights();
  const dims = (t: tf.Tensor): number[] => t.shape.map((size) => size ?? 0);
  const shape: ModelShape = {
    vocabSize: dims(embedding)[0],
    embeddingDim: dims(embedding)[1],
    hiddenUnits: dims(hiddenKernel)[1],
    numClasses: dims(outputKernel)[1],
  };
  const read = async (t: tf.Tensor): Promise<Float32Array> => Float32Array.from(await t.data<'float32'>());
  return {
    shape,
    embedding: await read(embedding),
    hiddenKernel: await read(hiddenKernel),
    hiddenBias: await read(hiddenBias),
    outputKernel: await read(outputKernel),
    outputBias: await read(outputBias),
  };
}
