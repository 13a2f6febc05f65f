import type * as tf from '@tensorflow/tfjs';
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';

/**
 * How weights.bin stores the weights. TensorFlow.js's weights manifest can say that a float32
 * tensor was stored smaller (`quantization`: `{"dtype": "float16"}`, or `{"dtype": "uint8",
 * "scale": s, "min": m}` meaning value = byte × s + m); stock `tf.loadLayersModel` decodes both
 * (tfjs-core io_utils decodeWeights), but tfjs never writes them, so Sift does, here.
 * - float32: 4 bytes a value, exact.
 * - float16: 2 bytes, IEEE half precision (11 significant bits; round to nearest even).
 * - uint8: 1 byte, one scale and offset per tensor (256 evenly spaced values from its minimum
 *   to its maximum).
 */
export type WeightFormat = 'float32' | 'float16' | 'uint8';

export const WEIGHT_FORMATS: readonly WeightFormat[] = ['float32', 'float16', 'uint8'];

/**
 * The format bundles are written in unless told otherwise: the smallest whose test accuracy stayed
 * within 0.3 points of float32's on every dataset. Measured on the nine bench datasets (CLI
 * defaults, seed 42, test files as in bench/): float16 gave float32's accuracy on all nine; uint8
 * was within 0.10 points on all (20 Newsgroups 77.32 vs 77.42, waimai 90.91 vs 90.99, rt-polarity
 * 77.77 vs 77.81, THUCNews 85.80 vs 85.75, five identical) at 19-20% of the float32 bundle's size
 * (SMS spam 0.88 vs 4.54 MB). One scale per tensor suffices although the embedding table has
 * outliers (20 Newsgroups: largest |weight| 9.6, 99.9th percentile 2.8, median 0.30, so steps of
 * up to 0.075): a text's mean over its tokens averages the rounding errors away.
 */
export const DEFAULT_WEIGHT_FORMAT: WeightFormat = 'uint8';

/**
 * Encodes the float32 weights tfjs saved (`data`: the tensors of `specs`, one after the other) in
 * `format`, returning the manifest entries that describe the result and weights.bin's bytes.
 */
export function encodeWeights(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer, format: WeightFormat): { specs: tf.io.WeightsManifestEntry[]; bytes: Uint8Array } {
  const parts: EncodedTensor[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((product, n) => product * n, 1);
    parts.push(encodeTensor(spec, new Float32Array(data, offset, size), format));
    offset += size * 4;
  }
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.bytes.length, 0));
  let position = 0;
  for (const part of parts) {
    bytes.set(part.bytes, position);
    position += part.bytes.length;
  }
  return { specs: parts.map((part) => part.spec), bytes };
}

/** The weights of one tensor as stored: its manifest entry and its bytes. */
export interface EncodedTensor {
  spec: tf.io.WeightsManifestEntry;
  bytes: Uint8Array;
}

/**
 * Encodes one float32 tensor in `format`. `spec` is its float32 manifest entry (name, shape,
 * dtype 'float32'); the entry returned carries the quantization that tfjs needs to decode it.
 */
export function encodeTensor(spec: tf.io.WeightsManifestEntry, values: Float32Array, format: WeightFormat): EncodedTensor {
  if (spec.dtype !== 'float32') throw new SiftError('BUNDLE_MISMATCH', `Weight ${spec.name} is ${spec.dtype}; only float32 weights can be stored smaller.`);
  const base: tf.io.WeightsManifestEntry = { name: spec.name, shape: spec.shape, dtype: 'float32' };
  switch (format) {
    case 'float32':
      return { spec: base, bytes: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
    case 'float16': {
      const halves = new Uint16Array(values.length);
      for (let i = 0; i < values.length; i++) halves[i] = toFloat16Bits(values[i]);
      return { spec: { ...base, quantization: { dtype: 'float16' } }, bytes: littleEndian(halves) };
    }
    case 'uint8': {
      const { bytes, scale, min } = quantizeUint8(values);
      return { spec: { ...base, quantization: { dtype: 'uint8', scale, min } }, bytes };
    }
  }
}

/** Uint16Array bytes in little-endian order (what tfjs reads), whatever this machine's order. */
function littleEndian(values: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    bytes[2 * i] = values[i] & 0xff;
    bytes[2 * i + 1] = values[i] >>> 8;
  }
  return bytes;
}

/**
 * Affine 8-bit quantization with one scale for the whole tensor: min = the smallest value, scale =
 * (largest - smallest) / 255, byte = round((value - min) / scale). A tensor whose values are all
 * equal gets scale 0 (every byte decodes to min).
 */
export function quantizeUint8(values: Float32Array): { bytes: Uint8Array; scale: number; min: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  if (values.length === 0) return { bytes: new Uint8Array(0), scale: 0, min: 0 };
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new SiftError('BUNDLE_MISMATCH', 'Cannot store weights that are not finite numbers.');
  const scale = (max - min) / 255;
  const bytes = new Uint8Array(values.length);
  if (scale > 0) for (let i = 0; i < values.length; i++) bytes[i] = Math.min(255, Math.max(0, Math.round((values[i] - min) / scale)));
  return { bytes, scale, min };
}

/**
 * The float32 values of one stored tensor, decoded exactly as tfjs-core's decodeWeights decodes
 * them (byte × scale + min computed in float64, then stored as float32; half floats widened
 * exactly), so Sift and stock tfjs see the same numbers.
 */
export function decodeTensor(spec: tf.io.WeightsManifestEntry, bytes: Uint8Array): Float32Array {
  const values = new Float32Array(spec.shape.reduce((product, size) => product * size, 1));
  const quantization = spec.quantization;
  if (quantization === undefined) {
    new Uint8Array(values.buffer).set(bytes.subarray(0, values.length * 4));
  } else if (quantization.dtype === 'float16') {
    for (let i = 0; i < values.length; i++) values[i] = fromFloat16Bits(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  } else if (quantization.dtype === 'uint8') {
    const scale = quantization.scale ?? Number.NaN;
    const min = quantization.min ?? Number.NaN;
    for (let i = 0; i < values.length; i++) values[i] = bytes[i] * scale + min;
  } else if (quantization.dtype === 'uint16') {
    // Sift never writes it, but stock tfjs reads it (and importBundle accepts it): little-endian.
    const scale = quantization.scale ?? Number.NaN;
    const min = quantization.min ?? Number.NaN;
    for (let i = 0; i < values.length; i++) values[i] = (bytes[2 * i] | (bytes[2 * i + 1] << 8)) * scale + min;
  } else {
    throw new SiftError('BAD_BUNDLE', `Weight ${spec.name} is stored as ${quantization.dtype}, which Sift does not read.`);
  }
  return values;
}

/** The five weight arrays in weights.bin's order. */
const WEIGHT_ARRAYS = ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const;

/**
 * The weights as a file in `format` holds them: each array encoded (encodeTensor) and decoded
 * again as tfjs decodes it (decodeTensor). Training stores its model this way before measuring
 * it, so the model Sift shows, explains and measures is, value for value, the one its file gives
 * back. float32 returns `weights` itself. Encoding the result again in the same format gives the
 * same bytes (float16 values and uint8 steps are kept exactly), so exporting it loses nothing.
 */
export function storedWeights(weights: ModelWeights, format: WeightFormat): ModelWeights {
  if (format === 'float32') return weights;
  const stored = { shape: weights.shape } as ModelWeights;
  for (const name of WEIGHT_ARRAYS) {
    const values = weights[name];
    const { spec, bytes } = encodeTensor({ name, shape: [values.length], dtype: 'float32' }, values, format);
    stored[name] = decodeTensor(spec, bytes);
  }
  return stored;
}

const FLOAT16_MAX = 65504;
const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);

/**
 * The IEEE 754 half-precision bits nearest to `value` (round half to even), with subnormals.
 * Values beyond ±65504 become ±65504, not infinity: a weight that large is already meaningless,
 * but an infinite one would make every prediction NaN.
 */
export function toFloat16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const clamped = Math.max(-FLOAT16_MAX, Math.min(FLOAT16_MAX, value));
  float32[0] = clamped;
  const bits = float32Bits[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent <= 0) {
    // Subnormal half: the significand (with its hidden 1) shifted right, rounded to nearest even.
    if (exponent < -11) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    if (rest > midpoint || (rest === midpoint && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++; // a carry into the exponent is still right
  return sign | Math.min(half, 0x7bff);
}

/** The number that half-precision `bits` encode. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}
