/**
 * A file's fingerprint: FNV-1a (32 bits) over its bytes, as 8 hex digits; about 2 ms per
 * megabyte, computed where the file is read (the worker, not the page's thread). The page keys a
 * dataset's label decisions by it (state/datasetKey.ts). It needs no cryptographic strength: the
 * key pairs it with the file's name and size, and each decision still checks its row's label
 * (applyLabelDecisions).
 */
export function fingerprintOf(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
