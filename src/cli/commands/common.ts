import { SiftError } from '@/core/errors';
import { importBundle } from '@/core/bundle/import';
import { BUNDLE_LIMITS, tooLarge } from '@/core/bundle/limits';
import type { SiftModel } from '@/core/bundle/types';
import type { LoadedDataset } from '@/core/dataset/types';
import { useBackend } from '@/core/model/backend';
import type { BackendName } from '@/core/model/types';
import type { ParsedCommandLine } from '../args';
import { readBytes } from '../io';

export function requirePositionals(cli: ParsedCommandLine, count: number, usage: string): string[] {
  if (cli.positionals.length < count) {
    throw new SiftError('INVALID_OPTION', `Usage: npm run sift -- ${usage}`);
  }
  return cli.positionals;
}

/** In Node the CLI defaults to wasm: measured fastest here (BROWSER.md), and webgl does not exist. */
export const CLI_DEFAULT_BACKEND: BackendName = 'wasm';

export async function loadModel(path: string, cli: ParsedCommandLine): Promise<SiftModel> {
  const bytes = await readBytes(path, {
    maxBytes: BUNDLE_LIMITS.bundleBytes,
    refuse: (size) => tooLarge(`${path} has ${size.toLocaleString('en-US')} bytes; the largest Sift model has ${BUNDLE_LIMITS.bundleBytes.toLocaleString('en-US')}. It was not read.`),
  });
  const backend = cli.settings.backend ?? CLI_DEFAULT_BACKEND;
  await useBackend(backend === 'auto' ? CLI_DEFAULT_BACKEND : backend);
  return importBundle(bytes);
}

/** Stops before any training when the data check found a problem that makes training impossible. */
export function assertTrainable(dataset: LoadedDataset): void {
  if (dataset.report.trainable) return;
  const blocking = dataset.report.problems.filter((p) => p.severity === 'error');
  throw new SiftError(
    blocking[0]?.code === 'SINGLE_CLASS' ? 'SINGLE_CLASS' : 'NO_EXAMPLES',
    blocking.map((p) => p.message).join(' ') || 'This file cannot be trained on.',
  );
}
