import { strFromU8, strToU8 } from 'fflate';
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';
import { BUNDLE_LIMITS, checkJsonStringLengths, checkShapeLimits, weightValueCounts } from './limits';
import { validateManifest } from './manifest';
import { manifestShape } from './topology';
import type { SiftModel } from './types';
import { checkWeights } from './weightsCheck';

/**
 * A validated model kept by the page between visits (IndexedDB), so that a reload never inflates
 * or re-checks a zip: the manifest as JSON and the five weight arrays as raw float32, one buffer.
 *
 *   bytes 0–7   "SiftModl"
 *   8–11        layout version (uint32, little-endian) = 1
 *   12–15       manifest length in bytes (uint32)
 *   16…         manifest, UTF-8 JSON, then zero padding to a multiple of 4
 *   …end        embedding, hiddenKernel, hiddenBias, outputKernel, outputBias as float32, in the
 *               platform's byte order (little-endian on every browser and Node Sift runs on)
 *
 * Reading it back checks it as a bundle is checked (limits, manifest, exact size, weights), so a
 * damaged or tampered store gives a coded error, not a broken page; it is just cheaper: no
 * inflating, no tensors. Not an exchange format: exports stay NAME.sift.zip.
 */
const MAGIC = strToU8('SiftModl');
const LAYOUT_VERSION = 1;
const HEADER_BYTES = 16;
const WEIGHT_NAMES = ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const;

const damaged = (why: string): SiftError =>
  new SiftError('BAD_BUNDLE', `The model kept in this browser is damaged (${why}); open its .sift.zip file again.`);
const padded = (n: number): number => (n + 3) & ~3;

/** True when `bytes` begin as serializeModel's output does (a .sift.zip begins "PK"). */
export function isStoredModel(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** The model as one buffer for storage; `model` must be a checked model (trained or imported). */
export function serializeModel(model: SiftModel): Uint8Array {
  const manifest = strToU8(JSON.stringify(model.manifest));
  const start = HEADER_BYTES + padded(manifest.length);
  const arrays = WEIGHT_NAMES.map((name) => model.weights[name]);
  const out = new Uint8Array(start + 4 * arrays.reduce((n, a) => n + a.length, 0));
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, LAYOUT_VERSION, true);
  view.setUint32(12, manifest.length, true);
  out.set(manifest, HEADER_BYTES);
  let at = start;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return out;
}

/**
 * A model from `serializeModel`'s bytes, checked: BAD_BUNDLE when the bytes are not such a model
 * or are cut short, BUNDLE_TOO_LARGE / BUNDLE_MISMATCH / BUNDLE_BAD_WEIGHTS as for a bundle.
 * The arrays are copies: the caller may drop `bytes`.
 */
export function deserializeModel(bytes: Uint8Array): SiftModel {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) throw damaged('it is not a Sift model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== LAYOUT_VERSION) throw damaged(`it was kept by another version of Sift (layout ${version})`);
  const manifestLength = view.getUint32(12, true);
  if (manifestLength > BUNDLE_LIMITS.manifestBytes || HEADER_BYTES + manifestLength > bytes.length) throw damaged('its description is cut short');
  const manifestBytes = bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestLength);
  checkJsonStringLengths(manifestBytes, 'The kept model');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw damaged('its description is not valid JSON');
  }
  const manifest = validateManifest(json);
  const shape = manifestShape(manifest);
  checkShapeLimits(shape);
  const counts = weightValueCounts(shape);
  const start = HEADER_BYTES + padded(manifestLength);
  const expected = start + 4 * counts.reduce((a, b) => a + b, 0);
  if (bytes.length !== expected) throw damaged(`it has ${bytes.length} bytes, not the ${expected} its description implies`);
  let at = start;
  const arrays = counts.map((n) => {
    // slice() copies into a buffer of its own, aligned for Float32Array whatever bytes.byteOffset is.
    const array = new Float32Array(bytes.slice(at, at + 4 * n).buffer);
    at += 4 * n;
    return array;
  });
  const weights: ModelWeights = {
    shape,
    embedding: arrays[0],
    hiddenKernel: arrays[1],
    hiddenBias: arrays[2],
    outputKernel: arrays[3],
    outputBias: arrays[4],
  };
  checkWeights(weights, manifest.sequenceLength);
  return { manifest, weights };
}
