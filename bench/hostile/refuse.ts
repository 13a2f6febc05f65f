/**
 * Child process of the hostile-bundles bench: opens one bundle with importBundle (the importer
 * alone, no CLI around it) and prints {errorCode, seconds, peakMiB} as one JSON line. A process
 * of its own per bundle, so that its peak memory is this bundle's alone.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { importBundle } from '../../src/core/bundle/import';
import { SiftError } from '../../src/core/errors';

async function main(path: string): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  const bytes = new Uint8Array(readFileSync(path));
  const started = performance.now();
  let errorCode: string | null = null;
  try {
    await importBundle(bytes);
  } catch (e) {
    errorCode = e instanceof SiftError ? e.code : 'INTERNAL';
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ errorCode, seconds, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

void main(process.argv[2] ?? '');
