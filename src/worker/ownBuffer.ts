/**
 * An ArrayBuffer holding exactly these bytes, to transfer: their own buffer when they fill it
 * (handed over as it is, no copy), else a copy of just them. Used on both sides of the worker.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}
