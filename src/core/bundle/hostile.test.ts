import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { resolveSettings } from '../settings';
import { exportBundle } from './export';
import { bundleFiles, deflatedEntry, HOSTILE_BUNDLES, runOnDeflate, writeZip } from '../../../tests/helpers/hostileBundles';
import { importBundle } from './import';
import { BUNDLE_LIMITS } from './limits';
import { trecModel } from '../../../tests/helpers/testModel';
import { crc32, readZipDirectory, readZipEntry } from './zip';

/** Memory an import may add while refusing a hostile bundle (the issue asks for well under this). */
const MAX_EXTRA_BYTES = 100 * 2 ** 20;

let valid: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // float32: the hostile cases edit weights.bin as float32 values.
  valid = await exportBundle(trecModel(), { weights: 'float32' });
  await importBundle(valid); // warm-up, so that the first case's figures are not tfjs's own start
});

/**
 * Runs `importBundle` and returns its error and the memory it added: the growth of the process's
 * peak RSS (an upper bound on the import's own peak above any earlier one: a regression that
 * inflated a 2 GiB entry would show as gigabytes) and of live ArrayBuffer bytes afterwards.
 */
async function refusal(bytes: Uint8Array): Promise<{ error: unknown; peakGrowth: number; buffersAfter: number }> {
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const error = await importBundle(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  return {
    error,
    peakGrowth: process.resourceUsage().maxRSS * 1024 - peakBefore,
    buffersAfter: process.memoryUsage().arrayBuffers - buffersBefore,
  };
}

describe('importBundle refuses hostile bundles with a coded error and little memory', () => {
  it.each(HOSTILE_BUNDLES.map((h) => [h.id, h] as const))('%s', async (_id, hostile) => {
    const bytes = hostile.build(valid);
    const { error, peakGrowth, buffersAfter } = await refusal(bytes);
    expect(error).toBeInstanceOf(SiftError);
    expect({ code: (error as SiftError).code, message: (error as SiftError).message }).toMatchObject({ code: hostile.code, message: expect.stringMatching(hostile.message) });
    expect(peakGrowth).toBeLessThan(MAX_EXTRA_BYTES);
    expect(buffersAfter).toBeLessThan(MAX_EXTRA_BYTES);
  });

  it('the bombs really are bombs: their entries inflate past what they declare (checked on a capped prefix)', () => {
    // The same streams the importer meets, read by the same reader with a small declared size:
    // it must stop at the cap, which proves the stream runs on (a bomb that did not would prove nothing).
    const stream = runOnDeflate(2 ** 31);
    expect(stream.length).toBeLessThan(3 * 2 ** 20);
    const [entry] = readZipDirectory(writeZip([{ name: 'zeros', method: 8, data: stream, size: 2 ** 24, crc: 0 }]));
    expect(() => readZipEntry(writeZip([{ name: 'zeros', method: 8, data: stream, size: 2 ** 24, crc: 0 }]), entry)).toThrow(/inflates to more than the 16,777,216 bytes/);
  });

  it('a run-on stream of the right size and checksum inflates exactly (the reader is not refusing everything)', () => {
    const content = new Uint8Array(3 * 2 ** 20 + 5);
    content.set([1, 2, 3], 0);
    const zip = writeZip([{ name: 'data.bin', method: 8, data: runOnDeflate(3 * 2 ** 20 + 2, Uint8Array.from([1, 2, 3])), size: content.length, crc: crc32(content) }]);
    const [entry] = readZipDirectory(zip);
    // Buffer.equals, not toEqual: a deep comparison of 3 MB element by element takes half a minute.
    expect(Buffer.from(readZipEntry(zip, entry)).equals(Buffer.from(content))).toBe(true);
  });

  it('refuses a damaged checksum and a stream that ends early', () => {
    const files = bundleFiles(valid);
    const damaged = writeZip([{ ...deflatedEntry('sift.json', files['sift.json']), crc: 12345 }]);
    expect(() => readZipEntry(damaged, readZipDirectory(damaged)[0])).toThrow(/checksum/);
    const short = writeZip([{ ...deflatedEntry('sift.json', files['sift.json']), size: files['sift.json'].length + 10 }]);
    expect(() => readZipEntry(short, readZipDirectory(short)[0])).toThrow(/inflates to .* bytes, not the/);
  });

  it.each([
    ['vocabularySize', BUNDLE_LIMITS.vocabulary],
    ['embeddingDim', BUNDLE_LIMITS.embeddingDim],
    ['hiddenUnits', BUNDLE_LIMITS.hiddenUnits],
    ['epochs', BUNDLE_LIMITS.epochs],
    ['sequenceLength', BUNDLE_LIMITS.sequenceLength],
  ] as const)('the limit on %s is the largest value settings.ts accepts', (key, limit) => {
    expect(resolveSettings({ [key]: limit })[key]).toBe(limit);
    expect(() => resolveSettings({ [key]: limit + 1 })).toThrow(SiftError);
  });
});
