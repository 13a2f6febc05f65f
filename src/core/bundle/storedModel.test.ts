import * as tf from '@tensorflow/tfjs';
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiftError, type SiftErrorCode } from '../errors';
import { exportBundle } from './export';
import { importBundle } from './import';
import { deserializeModel, serializeModel } from './storedModel';
import { trecModel } from '../../../tests/helpers/testModel';
import type { SiftModel } from './types';

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

function codeOf(run: () => unknown): SiftErrorCode | null {
  try {
    run();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(SiftError);
    return (e as SiftError).code;
  }
}

describe('serializeModel / deserializeModel: the checked model a page keeps instead of the zip', () => {
  let imported: SiftModel;
  let stored: Uint8Array;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    imported = await importBundle(await exportBundle(trecModel()));
    stored = serializeModel(imported);
  });

  it('reads back the same manifest and bit-identical weights', () => {
    const back = deserializeModel(stored);
    expect(back.manifest).toEqual(imported.manifest);
    expect(back.weights.shape).toEqual(imported.weights.shape);
    for (const name of ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const) {
      expect(bits(back.weights[name])).toEqual(bits(imported.weights[name]));
    }
  });

  it('reads from a view at any offset of a larger buffer (as IndexedDB may hand it back)', () => {
    const shifted = new Uint8Array(stored.length + 3);
    shifted.set(stored, 3);
    expect(deserializeModel(shifted.subarray(3)).manifest.name).toBe('TREC questions');
  });

  it.each<[string, () => Uint8Array, SiftErrorCode]>([
    ['a zip instead', () => strToU8('PK\x03\x04 not this format'), 'BAD_BUNDLE'],
    ['bytes cut short', () => stored.subarray(0, stored.length - 4), 'BAD_BUNDLE'],
    ['another layout version', () => Object.assign(stored.slice(), { 8: 2 }), 'BAD_BUNDLE'],
    ['a description claiming 1 GB', () => Object.assign(stored.slice(), { 15: 0x40 }), 'BAD_BUNDLE'],
    [
      'weights of 3e38',
      () => {
        const huge = { ...imported, weights: { ...imported.weights, hiddenKernel: imported.weights.hiddenKernel.map(() => 3e38) } };
        return serializeModel(huge);
      },
      'BUNDLE_BAD_WEIGHTS',
    ],
    ['a 50 MB name', () => serializeModel({ ...imported, manifest: { ...imported.manifest, name: 'x'.repeat(50_000_000) } }), 'BUNDLE_TOO_LARGE'],
  ])('refuses %s', (_name, make, code) => {
    expect(codeOf(() => deserializeModel(make()))).toBe(code);
  });
});
