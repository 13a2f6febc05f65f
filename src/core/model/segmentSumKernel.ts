/**
 * An O(N) `UnsortedSegmentSum` kernel for the cpu, webgl and wasm backends.
 *
 * Why: `UnsortedSegmentSum` is the backward pass of `tf.gather` (and so of every Embedding layer).
 * In tfjs 4.22 the cpu kernel loops over every segment (vocabulary entry) and scans the whole
 * input for each one — O(V × N) — and the webgl shader does the same per output element; one
 * batch at vocabulary 20,000 takes minutes. The wasm backend has no such kernel at all. This
 * replacement reads the (small) gradient to JS memory, adds each row into its segment in one pass
 * and hands the result back to the backend: O(N × rowSize + numSegments × rowSize).
 *
 * On webgl this means one GPU → CPU read and one upload per call. Measured in headless Chromium
 * (SwiftShader): the stock shader took 1,568 ms for [2,048 × 64] into 2,000 segments, this kernel
 * 2.8 ms, and 2.2 ms into 50,000 segments. An O(N) scatter-add on WebGL2 would need point
 * rendering with additive float blending (EXT_float_blend), outside tfjs' shader framework; with
 * the read-back costing a few milliseconds it was not worth attempting.
 *
 * Sift's own training loop pools and scatters in JS (sparse/sparseTrainer.ts); this kernel is what makes tfjs'
 * gather / Embedding gradient, and embeddingBag.ts, usable on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './types';

type Values = Float32Array | Int32Array;

/** What the kernel needs from a backend; cpu/webgl and wasm differ in how outputs are made. */
interface ReadableBackend {
  readSync(dataId: object): unknown;
}
interface TensorInfoMaker extends ReadableBackend {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Values): tf.TensorInfo;
}
interface WasmOutputMaker extends ReadableBackend {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset: undefined, values: Values): tf.TensorInfo;
}

/**
 * Pure JS segment sum, TF semantics: output shape [numSegments, ...x.shape.slice(ids.rank)];
 * ids outside [0, numSegments) are skipped (TF's GPU behaviour; its CPU kernel would throw).
 */
export function segmentSumValues(x: Values, rowSize: number, ids: Int32Array, numSegments: number): Values {
  const out = x instanceof Int32Array ? new Int32Array(numSegments * rowSize) : new Float32Array(numSegments * rowSize);
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i];
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * rowSize;
    const to = segment * rowSize;
    for (let k = 0; k < rowSize; k++) out[to + k] += x[from + k];
  }
  return out;
}

function asValues(data: unknown, what: string): Values {
  if (data instanceof Float32Array || data instanceof Int32Array) return data;
  if (data instanceof Uint8Array) return Int32Array.from(data);
  throw new Error(`UnsortedSegmentSum: unsupported ${what} data`);
}

function hasMethod(o: unknown, name: string): boolean {
  return typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[name] === 'function';
}

function makeKernelFunc(backendName: BackendName): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const x = inputs.x;
    const segmentIds = inputs.segmentIds;
    const numSegments = attrs?.numSegments;
    if (!x || !segmentIds || typeof numSegments !== 'number') throw new Error('UnsortedSegmentSum: missing inputs');
    if (!hasMethod(backend, 'readSync')) throw new Error(`UnsortedSegmentSum: backend ${backendName} cannot be read`);
    const readable = backend as ReadableBackend;
    const idsRank = segmentIds.shape.length;
    const rowShape = x.shape.slice(idsRank);
    const rowSize = rowShape.reduce((a, b) => a * b, 1);
    const xValues = asValues(readable.readSync(x.dataId), 'x');
    const idValues = asValues(readable.readSync(segmentIds.dataId), 'segmentIds');
    const ids = idValues instanceof Int32Array ? idValues : Int32Array.from(idValues);
    const out = segmentSumValues(xValues, rowSize, ids, numSegments);
    const outShape = [numSegments, ...rowShape];
    const dtype: tf.DataType = out instanceof Int32Array ? 'int32' : 'float32';
    if (backendName === 'wasm') {
      if (!hasMethod(backend, 'makeOutput')) throw new Error('UnsortedSegmentSum: wasm backend lacks makeOutput');
      return (backend as WasmOutputMaker).makeOutput(outShape, dtype, undefined, out);
    }
    if (!hasMethod(backend, 'makeTensorInfo')) throw new Error(`UnsortedSegmentSum: ${backendName} backend lacks makeTensorInfo`);
    return (backend as TensorInfoMaker).makeTensorInfo(outShape, dtype, out);
  };
}

const ours = new Map<BackendName, tf.KernelFunc>();

/**
 * Replaces (cpu, webgl) or adds (wasm) the `UnsortedSegmentSum` kernel for one backend.
 * Idempotent: calling it again for the same backend changes nothing.
 */
export function registerSegmentSumKernel(backendName: BackendName): void {
  let kernelFunc = ours.get(backendName);
  if (!kernelFunc) {
    kernelFunc = makeKernelFunc(backendName);
    ours.set(backendName, kernelFunc);
  }
  const current = tf.getKernel(tf.UnsortedSegmentSum, backendName);
  if (current?.kernelFunc === kernelFunc) return;
  if (current) tf.unregisterKernel(tf.UnsortedSegmentSum, backendName);
  tf.registerKernel({ kernelName: tf.UnsortedSegmentSum, backendName, kernelFunc });
}

/** True when Sift's kernel is the one registered for this backend. */
export function isSegmentSumKernelRegistered(backendName: BackendName): boolean {
  const kernelFunc = ours.get(backendName);
  return kernelFunc !== undefined && tf.getKernel(tf.UnsortedSegmentSum, backendName)?.kernelFunc === kernelFunc;
}
