import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { trecModel } from '../../../tests/helpers/testModel';
import { SiftError } from '../errors';
import { exportBundle } from './export';
import { importBundle } from './import';
import { modelFromFiles } from './modelFiles';
import { WEIGHT_FORMATS } from './weightFormat';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const model = trecModel();
const filesOf = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return { sift: strFromU8(files['sift.json']), model: strFromU8(files['model.json']), weights: files['weights.bin'] };
};
const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (e) {
    return e instanceof SiftError ? e.code : `not a SiftError: ${String(e)}`;
  }
};

describe('modelFromFiles (what predict.mjs loads, without tfjs)', () => {
  it.each(WEIGHT_FORMATS)('reads a %s bundle exactly as importBundle does', async (format) => {
    const bytes = await exportBundle(model, { weights: format });
    const files = filesOf(bytes);
    const read = modelFromFiles(files.sift, files.model, files.weights);
    const imported = await importBundle(bytes);
    expect(read.manifest).toEqual(imported.manifest);
    for (const name of ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const) {
      expect(Buffer.from(read.weights[name].buffer).equals(Buffer.from(imported.weights[name].buffer))).toBe(true);
    }
  });

  it('reads a bundle of Sift 0.2.0 as tokenized without masking, float32', () => {
    const files = filesOf(new Uint8Array(readFileSync(new URL('../../../tests/fixtures/sift-0.2.0-sms.sift.zip', import.meta.url))));
    const read = modelFromFiles(files.sift, files.model, files.weights);
    expect(read.manifest.tokenizer.maskPii).toBe(false);
    expect(read.manifest.settings.weights).toBe('float32');
  });

  it('refuses files that are not, or not all, one Sift model, with a code', async () => {
    const files = filesOf(await exportBundle(model));
    const sift = JSON.parse(files.sift) as Record<string, unknown>;
    const edited = (change: Record<string, unknown>) => JSON.stringify({ ...sift, ...change });
    expect(codeOf(() => modelFromFiles('{', files.model, files.weights))).toBe('BAD_BUNDLE');
    expect(codeOf(() => modelFromFiles(edited({ format: 'other' }), files.model, files.weights))).toBe('BAD_BUNDLE');
    expect(codeOf(() => modelFromFiles(edited({ formatVersion: 99 }), files.model, files.weights))).toBe('BUNDLE_VERSION');
    expect(codeOf(() => modelFromFiles(edited({ vocabulary: ['a', 'b'] }), files.model, files.weights))).toBe('BAD_BUNDLE');
    expect(codeOf(() => modelFromFiles(edited({ labels: (sift.labels as string[]).slice(1) }), files.model, files.weights))).toBe('BUNDLE_MISMATCH');
    expect(codeOf(() => modelFromFiles(files.sift, files.model, files.weights.subarray(1)))).toBe('BAD_BUNDLE');
  });
});
