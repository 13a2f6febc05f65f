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

configureBackends({
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  },
});

const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<WorkerCommand>) => void) | null;
};

const handler = createHandler((event, transfer = []) => scope.postMessage(event, transfer));
scope.onmessage = (e) => void handler.handle(e.data);
