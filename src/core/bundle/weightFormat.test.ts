import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trecModel } from '../../../tests/helpers/testModel';
import { decodeTensor, encodeTensor, encodeWeights, fromFloat16Bits, quantizeUint8, toFloat16Bits, WEIGHT_FORMATS } from './weightFormat';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const bitsOf = (values: Float32Array): Uint32Array => new Uint32Array(values.buffer, values.byteOffset, values.length);

describe('float16', () => {
  it.each<[number, number]>([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [65504, 0x7bff],
    [1e6, 0x7bff], // beyond the largest half: clamped, never infinite
    [-1e6, 0xfbff],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // halfway to it: ties to even
    [1.5 * 2 ** -25, 0x0001],
    [1 + 2 ** -11, 0x3c00], // halfway between 1 and the next half: ties to even
    [1 + 3 * 2 ** -11, 0x3c02],
    [Number.NaN, 0x7e00],
  ])('%d → 0x%s', (value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
  });

  it('round-trips every finite half value exactly', () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue; // infinities and NaNs
      if (toFloat16Bits(fromFloat16Bits(bits)) !== bits) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });
});

describe('uint8', () => {
  it('keeps every value within half a step of the original', () => {
    const values = trecModel().weights.embedding;
    const { bytes, scale, min } = quantizeUint8(values);
    expect(min).toBe(values.reduce((a, b) => Math.min(a, b), Infinity));
    let worst = 0;
    for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(bytes[i] * scale + min - values[i]));
    expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-7);
    expect(worst).toBeGreaterThan(scale / 4);
    expect(bytes.includes(0) && bytes.includes(255)).toBe(true);
  });

  it('stores a constant tensor with scale 0', () => {
    const { bytes, scale, min } = quantizeUint8(new Float32Array([0.25, 0.25, 0.25]));
    expect([...bytes, scale, min]).toEqual([0, 0, 0, 0, 0.25]);
  });
});

describe('encoding decodes as stock TensorFlow.js decodes it', () => {
  const { weights } = trecModel();
  const tensors = [
    { spec: { name: 'embedding', shape: [weights.shape.vocabSize, weights.shape.embeddingDim], dtype: 'float32' as const }, values: weights.embedding },
    { spec: { name: 'bias', shape: [weights.hiddenBias.length], dtype: 'float32' as const }, values: weights.hiddenBias },
    { spec: { name: 'constant', shape: [2, 2], dtype: 'float32' as const }, values: new Float32Array([-1.5, -1.5, -1.5, -1.5]) },
  ];

  it.each(WEIGHT_FORMATS)('%s: decodeTensor gives tfjs-core decodeWeights bit for bit', (format) => {
    const data = new Uint8Array(tensors.reduce((n, t) => n + t.values.byteLength, 0));
    let offset = 0;
    for (const t of tensors) {
      data.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), offset);
      offset += t.values.byteLength;
    }
    const encoded = encodeWeights(tensors.map((t) => t.spec), data.buffer, format);
    const bytesPerValue = { float32: 4, float16: 2, uint8: 1 }[format];
    expect(encoded.bytes.byteLength).toBe(tensors.reduce((n, t) => n + t.values.length * bytesPerValue, 0));
    const fromTfjs = tf.io.decodeWeights(encoded.bytes.slice().buffer, encoded.specs);
    offset = 0;
    tensors.forEach((t, i) => {
      const spec = encoded.specs[i];
      expect(spec.dtype).toBe('float32');
      expect(spec.quantization?.dtype).toBe(format === 'float32' ? undefined : format);
      const size = t.values.length * bytesPerValue;
      const ours = decodeTensor(spec, encoded.bytes.subarray(offset, offset + size));
      offset += size;
      const theirs = fromTfjs[t.spec.name].dataSync() as Float32Array;
      expect(bitsOf(ours)).toEqual(bitsOf(theirs));
      if (format === 'float32') expect(bitsOf(ours)).toEqual(bitsOf(t.values));
    });
    Object.values(fromTfjs).forEach((tensor) => tensor.dispose());
  });

  it('uint16 (which Sift never writes but tfjs and importBundle read): decodeTensor gives tfjs-core decodeWeights bit for bit', () => {
    const spec = { name: 'w', shape: [4], dtype: 'float32' as const, quantization: { dtype: 'uint16' as const, scale: 0.001, min: -2.5 } };
    const bytes = new Uint8Array(new Uint16Array([0, 1, 40000, 65535]).buffer);
    const fromTfjs = tf.io.decodeWeights(bytes.slice().buffer, [spec]);
    expect(bitsOf(decodeTensor(spec, bytes))).toEqual(bitsOf(fromTfjs.w.dataSync() as Float32Array));
    fromTfjs.w.dispose();
  });

  it('refuses to shrink weights that are not float32', () => {
    expect(() => encodeTensor({ name: 'ids', shape: [2], dtype: 'int32' }, new Float32Array(2), 'uint8')).toThrow(/only float32/);
  });
});
