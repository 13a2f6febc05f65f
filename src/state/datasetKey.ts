import type { ParsedData } from './types';

/**
 * Names a dataset as the page reads it: the file (name, size and the fingerprint of its bytes
 * the worker computed while reading it, core/dataset/fingerprint.ts) and the reading options that
 * decide which row is which and what its label is. Label decisions are kept under this key:
 * another file, or the same file read with another header, delimiter or label column, does not
 * inherit them.
 */
export function datasetKey({ source, summary }: ParsedData): string {
  const options = Object.entries(source.options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([source.fileName, summary.byteLength, summary.fingerprint, options]);
}
