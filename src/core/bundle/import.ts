import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { errorMessage, SiftError } from '../errors';
import type { ModelShape, ModelWeights } from '../model/types';
import { BUNDLE_FILES } from './files';
import { BUNDLE_LIMITS, checkJsonStringLengths, checkShapeLimits, tooLarge, weightValueCounts } from './limits';
import { validateManifest } from './manifest';
import { checkTopology, manifestShape } from './topology';
import type { SiftModel } from './types';
import { checkWeights } from './weightsCheck';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip';

/** Bytes per stored value of each dtype a Sift bundle may hold, quantized ones included. */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, float16: 2, uint16: 2, uint8: 1 };
const QUANTIZED_DTYPES = ['float16', 'uint16', 'uint8'];

const bad = (message: string): SiftError => new SiftError('BAD_BUNDLE', message);
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Reads NAME.sift.zip bytes back into a model, trusting nothing in them, in an order that spends
 * memory only on what has been checked:
 * 1. the zip's central directory: entry count, names (no "../", absolute paths or duplicates:
 *    BUNDLE_ENTRY_NAME), and the declared sizes of sift.json and model.json (BUNDLE_TOO_LARGE);
 * 2. sift.json, inflated under a cap at its declared size: no text longer than any allowed one
 *    (scanned before decoding), texts and lists within BUNDLE_LIMITS, then a manifest this Sift
 *    can read (BAD_BUNDLE, BUNDLE_VERSION if newer);
 * 3. model.json: Sift's architecture (BUNDLE_MISMATCH), with the shapes sift.json implies, and
 *    weight specs that describe exactly those shapes; hence the exact size weights.bin must have
 *    (per dtype, quantized ones included), checked against its declared size before inflating it;
 * 4. weights.bin, inflated under a cap at that size; every weight finite and small enough that
 *    no text gives an infinite or NaN probability, and a few test texts predicted
 *    (BUNDLE_BAD_WEIGHTS).
 * Only sift.json, model.json and weights.bin are ever inflated. Returns plain arrays; the
 * tensors made to decode the weights are disposed.
 */
export async function importBundle(bytes: Uint8Array): Promise<SiftModel> {
  if (bytes.byteLength > BUNDLE_LIMITS.bundleBytes) {
    throw tooLarge(`The file has ${count(bytes.byteLength)} bytes; the largest Sift model has ${count(BUNDLE_LIMITS.bundleBytes)}.`);
  }
  const entries = bundleEntries(readZipDirectory(bytes));
  const manifestEntry = capped(entries.manifest, BUNDLE_LIMITS.manifestBytes);
  const modelEntry = capped(entries.model, BUNDLE_LIMITS.modelJsonBytes);
  capped(entries.weights, BUNDLE_LIMITS.weightsBytes);

  const manifestData = readZipEntry(bytes, manifestEntry);
  checkJsonStringLengths(manifestData, BUNDLE_FILES.manifest);
  const manifest = validateManifest(parseJson(manifestData, BUNDLE_FILES.manifest));
  const shape = manifestShape(manifest);
  checkShapeLimits(shape);
  const modelJson = parseJson(readZipEntry(bytes, modelEntry), BUNDLE_FILES.model);
  const specs = checkedWeightSpecs(modelJson, shape);
  const expectedBytes = specs.reduce((sum, spec) => sum + valuesOf(spec) * BYTES_PER_VALUE[storedDtype(spec)], 0);
  if (entries.weights.size !== expectedBytes) {
    throw bad(
      `${BUNDLE_FILES.weights} has ${count(entries.weights.size)} bytes but ${BUNDLE_FILES.model} describes ${count(expectedBytes)}: ` +
        'the file is truncated or the two files come from different models.',
    );
  }
  const weights = await decodeWeights(readZipEntry(bytes, entries.weights), specs, shape);
  checkWeights(weights, manifest.sequenceLength);
  return { manifest, weights };
}

interface BundleEntries {
  manifest: ZipEntry;
  model: ZipEntry;
  weights: ZipEntry;
}

/** The three entries Sift reads, by base name (a bundle zipped inside a folder works too). */
function bundleEntries(entries: ZipEntry[]): BundleEntries {
  const wanted = [BUNDLE_FILES.manifest, BUNDLE_FILES.model, BUNDLE_FILES.weights] as const;
  const found = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (entry.name.includes('__MACOSX')) continue; // macOS's resource-fork copies ("._sift.json")
    const name = entry.name.slice(entry.name.lastIndexOf('/') + 1);
    if (!(wanted as readonly string[]).includes(name)) continue;
    if (found.has(name)) {
      throw new SiftError('BUNDLE_ENTRY_NAME', `The model file holds two ${name} files (${found.get(name)?.name} and ${entry.name}); it should hold one model.`);
    }
    found.set(name, entry);
  }
  if (found.size === 0) throw bad('not a Sift model: the zip archive holds no sift.json, model.json or weights.bin.');
  const missing = wanted.filter((name) => !found.has(name));
  if (missing.length > 0) throw bad(`The model file is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  return { manifest: found.get(BUNDLE_FILES.manifest)!, model: found.get(BUNDLE_FILES.model)!, weights: found.get(BUNDLE_FILES.weights)! };
}

/** Refuses an entry whose declared size is beyond what a real bundle's file of that name needs. */
function capped(entry: ZipEntry, limit: number): ZipEntry {
  if (entry.size > limit) {
    throw tooLarge(`${entry.name} declares ${count(entry.size)} bytes; in a Sift model it has at most ${count(limit)}. It was not opened.`);
  }
  return entry;
}

function parseJson(data: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(strFromU8(data));
  } catch (e) {
    throw bad(`${name} is damaged: it is not valid JSON (${errorMessage(e)}).`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const valuesOf = (spec: tf.io.WeightsManifestEntry): number => spec.shape.reduce((product, size) => product * size, 1);
const storedDtype = (spec: tf.io.WeightsManifestEntry): string => spec.quantization?.dtype ?? spec.dtype;

/**
 * model.json's topology must be Sift's architecture at the shape sift.json implies, and its
 * weight specs exactly Sift's five arrays at that shape (float32, or quantized to float16, uint16
 * or uint8), in one weights.bin. Returns the specs in weights.bin's order.
 */
function checkedWeightSpecs(modelJson: unknown, shape: ModelShape): tf.io.WeightsManifestEntry[] {
  if (!isRecord(modelJson) || !isRecord(modelJson.modelTopology) || !Array.isArray(modelJson.weightsManifest)) {
    throw bad(`${BUNDLE_FILES.model} is damaged: it is not a TensorFlow.js model (no modelTopology or weightsManifest).`);
  }
  const names = checkTopology(modelJson.modelTopology, shape);
  const groups = modelJson.weightsManifest as unknown[];
  const group = groups[0];
  if (
    groups.length !== 1 ||
    !isRecord(group) ||
    !Array.isArray(group.paths) ||
    group.paths.length !== 1 ||
    group.paths[0] !== BUNDLE_FILES.weights ||
    !Array.isArray(group.weights)
  ) {
    throw bad(`${BUNDLE_FILES.model} is damaged: its weightsManifest must name one file, ${BUNDLE_FILES.weights}.`);
  }
  const expected = weightValueCounts(shape);
  const expectedShapes: [string, number[]][] = [
    [names.embedding, [shape.vocabSize, shape.embeddingDim]],
    [names.hiddenKernel, [shape.embeddingDim, shape.hiddenUnits]],
    [names.hiddenBias, [shape.hiddenUnits]],
    [names.outputKernel, [shape.hiddenUnits, shape.numClasses]],
    [names.outputBias, [shape.numClasses]],
  ];
  const specs = group.weights as unknown[];
  if (specs.length !== expectedShapes.length) {
    throw new SiftError('BUNDLE_MISMATCH', `${BUNDLE_FILES.model} lists ${specs.length} weight arrays; a Sift classifier has ${expectedShapes.length}.`);
  }
  return specs.map((spec, i) => {
    const [name, dims] = expectedShapes[i];
    if (!isRecord(spec) || spec.name !== name || !Array.isArray(spec.shape) || spec.shape.length !== dims.length || spec.shape.some((s, j) => s !== dims[j])) {
      throw new SiftError(
        'BUNDLE_MISMATCH',
        `${BUNDLE_FILES.model}'s weight ${i + 1} should be ${name} of shape [${dims.join(', ')}] (${count(expected[i])} values), as sift.json implies.`,
      );
    }
    const quantization = spec.quantization;
    const quantized = isRecord(quantization) ? quantization.dtype : undefined;
    if (spec.dtype !== 'float32' || (quantization !== undefined && !QUANTIZED_DTYPES.includes(String(quantized)))) {
      throw bad(`${BUNDLE_FILES.model} is damaged: weight ${name} is stored as ${String(quantized ?? spec.dtype)}, not float32, float16, uint16 or uint8.`);
    }
    // uint8/uint16 store (value − min) / scale: without finite numbers for both, tfjs would decode NaN.
    if (isRecord(quantization) && quantized !== 'float16' && !(Number.isFinite(quantization.min) && Number.isFinite(quantization.scale))) {
      throw bad(`${BUNDLE_FILES.model} is damaged: weight ${name} is stored as ${String(quantized)} without a numeric min and scale.`);
    }
    return spec as unknown as tf.io.WeightsManifestEntry;
  });
}

/**
 * weights.bin → plain float32 arrays, dequantized by tfjs's own decoder (so a quantized bundle
 * reads exactly as tf.loadLayersModel would read it). Every tensor made is disposed.
 */
async function decodeWeights(data: Uint8Array, specs: tf.io.WeightsManifestEntry[], shape: ModelShape): Promise<ModelWeights> {
  await tf.ready(); // decoding makes tensors: the caller may not have chosen a backend yet
  // A buffer of its own starting at offset 0: tfjs reads weightData as a whole ArrayBuffer.
  const buffer = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? (data.buffer as ArrayBuffer) : (data.slice().buffer as ArrayBuffer);
  const tensors = tf.io.decodeWeights(buffer, specs);
  try {
    const read = async (name: string): Promise<Float32Array> => new Float32Array(await tensors[name].data<'float32'>());
    return {
      shape,
      embedding: await read(specs[0].name),
      hiddenKernel: await read(specs[1].name),
      hiddenBias: await read(specs[2].name),
      outputKernel: await read(specs[3].name),
      outputBias: await read(specs[4].name),
    };
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
