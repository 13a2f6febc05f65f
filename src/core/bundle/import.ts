import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import { SiftError, errorMessage } from '../errors';
import type { ModelWeights } from '../model/types';
import { BUNDLE_FILES } from './files';
import { readLayersModel } from './layersModel';
import { validateManifest } from './manifest';
import type { SiftManifest, SiftModel } from './types';

/** Bytes per value of each weight dtype tfjs can store, and of each quantization it can apply. */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
/** No file of a real bundle is near this; a larger declared size means a damaged or hostile zip. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

const bad = (message: string): SiftError => new SiftError('BAD_BUNDLE', message);

/**
 * Reads NAME.sift.zip bytes back into a model, checking everything on the way: that it is a zip
 * (BAD_BUNDLE "not a Sift model"), that sift.json, model.json and weights.bin are there, that
 * sift.json is a manifest this Sift can read (BUNDLE_VERSION if newer), that model.json loads with
 * tf.loadLayersModel and is Sift's architecture, that its shapes match the vocabulary, labels and
 * settings (BUNDLE_MISMATCH), and that all weights are finite. Returns plain arrays; every tensor
 * made on the way is disposed.
 */
export async function importBundle(bytes: Uint8Array): Promise<SiftModel> {
  const files = unzipBundle(bytes);
  const manifest = validateManifest(parseJson(files, BUNDLE_FILES.manifest));
  const modelJson = parseJson(files, BUNDLE_FILES.model);
  const weightData = files.get(BUNDLE_FILES.weights);
  if (weightData === undefined) throw bad(`The model file has no ${BUNDLE_FILES.weights}.`);
  const weights = await loadWeights(modelJson, weightData);
  checkAgainstManifest(weights, manifest);
  checkFinite(weights);
  return { manifest, weights };
}

/** The bundle's files by name (also when they were zipped inside a folder). */
function unzipBundle(bytes: Uint8Array): Map<string, Uint8Array> {
  const wanted = new Set<string>([BUNDLE_FILES.manifest, BUNDLE_FILES.model, BUNDLE_FILES.weights]);
  const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
  let unzipped: Unzipped;
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => wanted.has(baseName(file.name)) && !file.name.includes('__MACOSX') && file.originalSize <= MAX_FILE_BYTES,
    });
  } catch (e) {
    throw bad(`not a Sift model: the file is not a readable zip archive (${errorMessage(e)}). Choose a .sift.zip file saved by Sift.`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(unzipped)) {
    const name = baseName(path);
    if (files.has(name)) throw bad(`The model file holds more than one ${name}; it should hold one model.`);
    files.set(name, data);
  }
  if (files.size === 0) throw bad('not a Sift model: the zip archive holds no sift.json, model.json or weights.bin.');
  const missing = [...wanted].filter((name) => !files.has(name));
  if (missing.length > 0) throw bad(`The model file is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  return files;
}

function parseJson(files: Map<string, Uint8Array>, name: string): unknown {
  const data = files.get(name);
  if (data === undefined) throw bad(`The model file has no ${name}.`);
  try {
    return JSON.parse(strFromU8(data));
  } catch (e) {
    throw bad(`${name} is damaged: it is not valid JSON (${errorMessage(e)}).`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loads model.json + weights.bin with plain tf.loadLayersModel and reads the weights out. */
async function loadWeights(modelJson: unknown, weightData: Uint8Array): Promise<ModelWeights> {
  // tfjs needs an initialised backend to build the layers; the caller may not have chosen one yet.
  await tf.ready();
  if (!isRecord(modelJson) || !isRecord(modelJson.modelTopology) || !Array.isArray(modelJson.weightsManifest)) {
    throw bad(`${BUNDLE_FILES.model} is damaged: it is not a TensorFlow.js model (no modelTopology or weightsManifest).`);
  }
  const json = modelJson as unknown as tf.io.ModelJSON;
  let specs: tf.io.WeightsManifestEntry[];
  try {
    specs = tf.io.getWeightSpecs(json.weightsManifest);
  } catch {
    throw bad(`${BUNDLE_FILES.model} is damaged: its weightsManifest cannot be read.`);
  }
  const expectedBytes = specs.reduce((sum, spec) => sum + weightBytes(spec), 0);
  if (expectedBytes !== weightData.byteLength) {
    throw bad(
      `${BUNDLE_FILES.weights} has ${weightData.byteLength} bytes but ${BUNDLE_FILES.model} describes ${expectedBytes}: ` +
        'the file is truncated or the two files come from different models.',
    );
  }
  // A copy that starts at offset 0 of its own buffer: tfjs reads weightData as a whole ArrayBuffer.
  const buffer = weightData.slice().buffer;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(tf.io.getModelArtifactsForJSONSync(json, specs, buffer)));
  } catch (e) {
    throw bad(`${BUNDLE_FILES.model} could not be loaded by TensorFlow.js: ${errorMessage(e)}`);
  }
  try {
    return await readLayersModel(model);
  } finally {
    model.dispose();
  }
}

function weightBytes(spec: tf.io.WeightsManifestEntry): number {
  const values = spec.shape.reduce((product, size) => product * size, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES_PER_VALUE[dtype];
  if (bytes === undefined || !Number.isInteger(values) || values < 0) {
    throw bad(`${BUNDLE_FILES.model} is damaged: weight ${spec.name} has an unsupported type or shape.`);
  }
  return values * bytes;
}

/** The weights must fit the vocabulary, labels and settings that sift.json describes. */
function checkAgainstManifest(weights: ModelWeights, manifest: SiftManifest): void {
  const { shape } = weights;
  const differences = [
    shape.vocabSize !== manifest.vocabulary.length &&
      `the embedding has ${shape.vocabSize} rows but sift.json's vocabulary has ${manifest.vocabulary.length} tokens`,
    shape.numClasses !== manifest.labels.length &&
      `the output layer has ${shape.numClasses} classes but sift.json lists ${manifest.labels.length} labels`,
    shape.embeddingDim !== manifest.settings.embeddingDim &&
      `the embedding dimension is ${shape.embeddingDim} but sift.json's settings say ${manifest.settings.embeddingDim}`,
    shape.hiddenUnits !== manifest.settings.hiddenUnits &&
      `the hidden layer has ${shape.hiddenUnits} units but sift.json's settings say ${manifest.settings.hiddenUnits}`,
  ].filter((d): d is string => typeof d === 'string');
  if (differences.length > 0) {
    throw new SiftError('BUNDLE_MISMATCH', `The model's weights do not match its description: ${differences.join('; ')}.`);
  }
}

function checkFinite(weights: ModelWeights): void {
  for (const name of ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const) {
    const values = weights[name];
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw bad(`${BUNDLE_FILES.weights} is damaged: the ${name} weights contain ${values[i]} (at index ${i}), which no trained model has.`);
      }
    }
  }
}
