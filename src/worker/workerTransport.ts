import engineModuleUrl from './worker.ts?worker&url';
import type { TransportFactory } from './client';
import type { WorkerEvent } from './protocol';

let bootstrapUrl: string | null = null;

/**
 * The worker's script: a one-line blob: module that imports the engine's real module. Why not
 * the module's URL itself: a worker loaded from a URL takes its Content-Security-Policy from that
 * response's headers alone, so on a host that sends none it runs under no policy (a fetch or
 * WebSocket to anywhere would go out); a blob: worker inherits the page's policy, <meta> tag
 * included (HTML's policy container; checked in Chromium by tests/e2e/csp.e2e.ts). The engine's
 * module is still a same-origin file, allowed by script-src 'self'. Made once per page.
 */
function workerScriptUrl(): string {
  if (bootstrapUrl === null) {
    const engine = new URL(engineModuleUrl, location.href).href;
    bootstrapUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(engine)};\n`], { type: 'text/javascript' }));
  }
  return bootstrapUrl;
}

/** The engine in a module Web Worker, so parsing and training never block the page. */
export const workerTransport: TransportFactory = (onEvent, onCrash) => {
  const spawn = () => {
    const worker = new Worker(workerScriptUrl(), { type: 'module', name: 'sift-engine' });
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
