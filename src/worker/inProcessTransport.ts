import type { TransportFactory } from './client';
import { createHandler, type Handler, type HandlerOptions } from './handler';
import type { WorkerEvent } from './protocol';

/**
 * Runs the worker's handler on the current thread, with the same structured-clone and transfer
 * semantics as postMessage (so a non-cloneable message fails here too). Used by tests in Node;
 * the app always uses the real worker, since training here would freeze the page.
 */
export function inProcessTransport(options: HandlerOptions = {}): TransportFactory {
  return (onEvent) => {
    let generation = 0;
    const start = (): Handler => {
      const mine = ++generation;
      return createHandler((event: WorkerEvent, transfer: Transferable[] = []) => {
        const copy = structuredClone(event, { transfer });
        // Asynchronous like a real message; events of a replaced handler are dropped.
        setTimeout(() => {
          if (mine === generation) onEvent(copy);
        }, 0);
      }, options);
    };
    let handler = start();
    return {
      send(command, transfer) {
        const copy = structuredClone(command, { transfer });
        // Delivered later, like postMessage: the sender gets control back first.
        const target = handler;
        setTimeout(() => void target.handle(copy), 0);
      },
      restart() {
        handler = start();
      },
      dispose() {
        // Events of the handler still running are dropped, as a terminated worker's would be.
        generation += 1;
      },
    };
  };
}
