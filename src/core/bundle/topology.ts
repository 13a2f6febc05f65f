import { SiftError } from '../errors';
import type { ModelShape } from '../model/types';
import { BUNDLE_FILES } from './files';
import type { SiftManifest } from './types';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const mismatch = (message: string): SiftError => new SiftError('BUNDLE_MISMATCH', message);

/** The shape of the model a manifest describes: its vocabulary, labels and settings. */
export function manifestShape(manifest: SiftManifest): ModelShape {
  return {
    vocabSize: manifest.vocabulary.length,
    embeddingDim: manifest.settings.embeddingDim,
    hiddenUnits: manifest.settings.hiddenUnits,
    numClasses: manifest.labels.length,
  };
}

/** The names model.json gives Sift's five weight arrays (layer name + "/" + weight name). */
export interface WeightNames {
  embedding: string;
  hiddenKernel: string;
  hiddenBias: string;
  outputKernel: string;
  outputBias: string;
}

const SIFT_LAYERS = ['Embedding', 'GlobalAveragePooling1D', 'Dense', 'Dense'];

/**
 * Checks model.json's topology WITHOUT building it: that it is Sift's architecture (Embedding →
 * GlobalAveragePooling1D → Dense(relu) → Dense(softmax)) and that its sizes are the ones the
 * manifest implies (`shape`). Nothing in model.json is handed to tfjs to build, so a topology
 * declaring a 10⁹-row embedding (tfjs would allocate it to initialise the layer) costs nothing.
 * Throws BUNDLE_MISMATCH; returns the weight names its weights manifest must use.
 */
export function checkTopology(topology: Json, shape: ModelShape): WeightNames {
  const config = topology.config;
  // tfjs writes Sequential's config as { name, layers }; older versions wrote the list alone.
  const layers = Array.isArray(config) ? config : isRecord(config) && Array.isArray(config.layers) ? config.layers : null;
  const classNames = (layers ?? []).map((layer: unknown) => (isRecord(layer) && typeof layer.class_name === 'string' ? layer.class_name : '?'));
  if (layers === null || classNames.length !== SIFT_LAYERS.length || classNames.some((name, i) => name !== SIFT_LAYERS[i])) {
    throw mismatch(
      `${BUNDLE_FILES.model} is not a Sift classifier: its layers are ${classNames.slice(0, 8).join(' → ') || 'missing'}, not ${SIFT_LAYERS.join(' → ')}.`,
    );
  }
  const configs = (layers as Json[]).map((layer) => (isRecord(layer.config) ? layer.config : {}));
  const [embedding, , hidden, output] = configs;
  if (hidden.activation !== 'relu' || output.activation !== 'softmax') {
    throw mismatch(`${BUNDLE_FILES.model}'s dense layers use ${String(hidden.activation)} and ${String(output.activation)} activations, not relu and softmax.`);
  }
  if (hidden.use_bias === false || output.use_bias === false) throw mismatch(`${BUNDLE_FILES.model}'s dense layers have no bias; a Sift classifier's do.`);
  const differences = [
    embedding.input_dim !== shape.vocabSize &&
      `the embedding has ${String(embedding.input_dim)} rows but sift.json's vocabulary has ${shape.vocabSize} tokens`,
    output.units !== shape.numClasses && `the output layer has ${String(output.units)} classes but sift.json lists ${shape.numClasses} labels`,
    embedding.output_dim !== shape.embeddingDim &&
      `the embedding dimension is ${String(embedding.output_dim)} but sift.json's settings say ${shape.embeddingDim}`,
    hidden.units !== shape.hiddenUnits && `the hidden layer has ${String(hidden.units)} units but sift.json's settings say ${shape.hiddenUnits}`,
  ].filter((d): d is string => typeof d === 'string');
  if (differences.length > 0) throw mismatch(`The model's weights do not match its description: ${differences.join('; ')}.`);

  const [embeddingName, hiddenName, outputName] = [embedding, hidden, output].map((c) => c.name);
  if (![embeddingName, hiddenName, outputName].every((name) => typeof name === 'string' && name.length > 0 && name.length <= 100)) {
    throw new SiftError('BAD_BUNDLE', `${BUNDLE_FILES.model} is damaged: a layer has no name.`);
  }
  return {
    embedding: `${String(embeddingName)}/embeddings`,
    hiddenKernel: `${String(hiddenName)}/kernel`,
    hiddenBias: `${String(hiddenName)}/bias`,
    outputKernel: `${String(outputName)}/kernel`,
    outputBias: `${String(outputName)}/bias`,
  };
}
