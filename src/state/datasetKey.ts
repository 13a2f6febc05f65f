import type { DataSource } from './types';

/** Fingerprints already computed, per bytes object (re-reading with other options keeps the bytes). */
const fingerprints = new WeakMap<Uint8Array, string>();

/**
 * Names a dataset as the page reads it: the file (name, size and a fingerprint of its bytes) and
 * the reading options that decide which row is which and what its label is. Label decisions are
 * kept under this key: another file, or the same file read with another header, delimiter or
 * label column, does not inherit them.
 *
 * The fingerprint is FNV-1a (32 bits) over the bytes: synchronous and about 2 ms per megabyte,
 * computed once per file. It needs no cryptographic strength: a clash would only matter for two
 * files of the same name and size, and each decision still checks its row's label (applyLabelDecisions).
 */
export function datasetKey(source: DataSource): string {
  let fingerprint = fingerprints.get(source.bytes);
  if (fingerprint === undefined) {
    fingerprint = fnv1a(source.bytes).toString(16).padStart(8, '0');
    fingerprints.set(source.bytes, fingerprint);
  }
  const options = Object.entries(source.options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([source.fileName, source.bytes.byteLength, fingerprint, options]);
}

function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}
