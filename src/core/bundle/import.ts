import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { errorMessage, SiftError } from '../errors';
import type { ModelShape, ModelWeights } from '../model/types';
import { BUNDLE_FILES } from './files';
import { BUNDLE_LIMITS, checkJsonStringLengths, checkShapeLimits, tooLarge } from './limits';
import { validateManifest } from './manifest';
import { manifestShape } from './topology';
import type { SiftModel } from './types';
import { checkedWeightSpecs, storedBytes, storedFormat } from './weightSpecs';
import { checkWeights } from './weightsCheck';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip';

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
  // The file says how it stores its weights; sift.json of Sift 0.2.0 does not.
  manifest.settings.weights = storedFormat(specs) ?? manifest.settings.weights;
  const expectedBytes = storedBytes(specs);
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
