/**
 * The app's store instance: the engine in a module Web Worker, the workspace in IndexedDB.
 * Components use `useSift` with selectors; anything else may call `useSift.getState().action()`.
 */
import { createEngineClient } from '@/worker/client';
import { workerTransport } from '@/worker/workerTransport';
import { idbPersistence } from './idbPersistence';
import { memoryPersistence, type Persistence } from './persistence';
import { storageProblem, type StorageProblem } from './storageProblem';
import { createSiftStore } from './store';
import { browserWorkspaceLock } from './workspaceLock';

/** IndexedDB where the browser offers it; else memory, and why, which the page says once. */
function storage(): { persistence: Persistence; storageProblem: StorageProblem | null } {
  try {
    if (typeof indexedDB !== 'undefined') return { persistence: idbPersistence(), storageProblem: null };
    return { persistence: memoryPersistence(), storageProblem: { kind: 'no-indexeddb' } };
  } catch (e) {
    // IndexedDB can throw on access (blocked site data): keep working, just without saving.
    return { persistence: memoryPersistence(), storageProblem: storageProblem(e) };
  }
}

export const useSift = createSiftStore({
  engine: createEngineClient(workerTransport),
  ...storage(),
  workspaceLock: browserWorkspaceLock(),
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
