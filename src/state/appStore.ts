/**
 * The app's store instance: the engine in a module Web Worker, the workspace in IndexedDB.
 * Components use `useSift` with selectors; anything else may call `useSift.getState().action()`.
 */
import { createEngineClient } from '@/worker/client';
import { workerTransport } from '@/worker/workerTransport';
import { idbPersistence } from './idbPersistence';
import { memoryPersistence } from './persistence';
import { createSiftStore } from './store';

function persistence() {
  try {
    if (typeof indexedDB !== 'undefined') return idbPersistence();
  } catch {
    // IndexedDB can throw on access (blocked storage): keep working, just without saving.
  }
  return memoryPersistence();
}

export const useSift = createSiftStore({
  engine: createEngineClient(workerTransport),
  persistence: persistence(),
  async fetchSample(fileName) {
    const response = await fetch(`${import.meta.env.BASE_URL}samples/${fileName}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  measureBackendsEarly: true,
  scheduleFrame: (callback) => requestAnimationFrame(() => callback()),
  now: () => performance.now(),
  tryDebounceMs: 150,
  mark: (name, detail) => performance.mark(name, { detail }),
});
