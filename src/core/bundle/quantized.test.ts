import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';
import { exportBundle } from './export';
import { importBundle } from './import';
import { trecModel } from '../../../tests/helpers/testModel';

/**
 * Bundles whose weights.bin is quantized as the tfjs converter writes it (weightsManifest entries
 * with `quantization: {dtype, scale?, min?}`): the importer must size weights.bin by the stored
 * dtype and read the values back through tfjs's own dequantization.
 */
const NAMES = ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const;

/** IEEE half-precision bits of a float32 value (round to nearest; normal and zero values). */
function toFloat16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign; // tiny values flush to zero (none here matter)
  const rounded = (exponent << 10) + Math.round(mantissa / 0x2000);
  return sign | rounded;
}

type Quantized = { bytes: Uint8Array; quantization: Record<string, unknown> };

function quantize(values: Float32Array, dtype: 'uint8' | 'float16'): Quantized {
  if (dtype === 'float16') return { bytes: new Uint8Array(Uint16Array.from(values, toFloat16Bits).buffer), quantization: { dtype } };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const scale = (max - min) / 255 || 1;
  return { bytes: Uint8Array.from(values, (v) => Math.round((v - min) / scale)), quantization: { dtype, scale, min } };
}

function quantizedBundle(valid: Uint8Array, weights: ModelWeights, dtype: 'uint8' | 'float16'): Uint8Array {
  const files = unzipSync(valid);
  const modelJson = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
  const parts = NAMES.map((name) => quantize(weights[name], dtype));
  modelJson.weightsManifest[0].weights.forEach((spec, i) => (spec.quantization = parts[i].quantization as tf.io.WeightsManifestEntry['quantization']));
  files['model.json'] = strToU8(JSON.stringify(modelJson));
  const total = parts.reduce((n, p) => n + p.bytes.length, 0);
  const bin = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bin.set(p.bytes, at);
    at += p.bytes.length;
  }
  files['weights.bin'] = bin;
  return zipSync(files as Zippable);
}

describe('importBundle reads quantized weights', () => {
  const model = trecModel();
  let valid: Uint8Array;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    valid = await exportBundle(model, { weights: 'float32' });
  });

  it.each([
    ['uint8', 1, 0.6 / 255],
    ['float16', 2, 1e-3],
  ] as const)('%s: weights.bin holds %i byte(s) a value, and reads back within the quantization step', async (dtype, bytesPerValue, tolerance) => {
    const bundle = quantizedBundle(valid, model.weights, dtype);
    const values = NAMES.reduce((n, name) => n + model.weights[name].length, 0);
    expect(unzipSync(bundle)['weights.bin'].length).toBe(values * bytesPerValue);
    const back = await importBundle(bundle);
    for (const name of NAMES) {
      const original = model.weights[name];
      const read = back.weights[name];
      expect(read).toHaveLength(original.length);
      let worst = 0;
      for (let i = 0; i < read.length; i++) worst = Math.max(worst, Math.abs(read[i] - original[i]));
      expect(worst).toBeLessThanOrEqual(tolerance * (name === 'embedding' ? 1 : 2));
    }
  });

  it('refuses a quantized weights.bin sized for float32 (the size rule follows the stored dtype)', async () => {
    const bundle = quantizedBundle(valid, model.weights, 'uint8');
    const files = unzipSync(bundle);
    files['weights.bin'] = unzipSync(valid)['weights.bin'];
    const error = await importBundle(zipSync(files as Zippable)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).message).toMatch(/weights\.bin has 193,128 bytes but model\.json describes 48,282/);
  });
});
