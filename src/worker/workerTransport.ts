import type { TransportFactory } from './client';
import type { WorkerEvent } from './protocol';

/** The engine in a module Web Worker, so parsing and training never block the page. */
export const workerTransport: TransportFactory = (onEvent, onCrash) => {
  const spawn = () => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sift-engine' });
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      onCrash(e.message || 'the worker could not start');
    };
    worker.onmessageerror = () => onCrash('a message could not be read');
    return worker;
  };
  let worker = spawn();
  return {
    send: (command, transfer) => worker.postMessage(command, transfer),
    restart() {
      worker.terminate();
      worker = spawn();
    },
    dispose: () => worker.terminate(),
  };
};
