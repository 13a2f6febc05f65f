/**
 * Entry of the engine's module worker: wires postMessage to the handler and tells tfjs where the
 * wasm binaries are (bundled by Vite as same-origin assets: nothing is fetched from elsewhere).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureBackends } from '@/core/model/backend';
import { createHandler } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';

// Absolute URLs: the worker is started from a blob: script (workerTransport.ts), against whose
// URL a path like "/assets/x.wasm" cannot be resolved; this module's own URL can.
const absolute = (url: string): string => new URL(url, import.meta.url).href;
configureBackends({
  wasmPaths: {
    'tfjs-backend-wasm.wasm': absolute(wasmPlain),
    'tfjs-backend-wasm-simd.wasm': absolute(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedSimd),
  },
});

const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<WorkerCommand>) => void) | null;
};

const handler = createHandler((event, transfer = []) => scope.postMessage(event, transfer));
scope.onmessage = (e) => void handler.handle(e.data);
