import type { StateCreator } from 'zustand';
import type { EngineTracker, StoreDeps } from '../deps';
import { guardedPersistence } from '../guardedPersistence';
import { initialState } from '../initialState';
import type { Persistence } from '../persistence';
import type { SiftState, StorageActions, StorageData } from '../types';
import { storageProblem } from '../storageProblem';
import { soleWorkspace } from '../workspaceLock';

/** How long the browser's storage may take to answer a read before the page says so (an `indexedDB.open()` can hang). */
export const STORAGE_READ_TIMEOUT_MS = 5000;

/**
 * Whether this tab keeps the workspace in the browser's storage (workspaceLock.ts says why only
 * one tab does), and the persistence every other slice saves through: it writes only while this
 * tab keeps the workspace and the storage could be read (guardedPersistence.ts).
 */
export const createStorageSlice =
  (deps: StoreDeps, tracker: EngineTracker): StateCreator<SiftState, [], [], StorageData & StorageActions & { persistence: Persistence }> =>
  (set, get) => {
    const lock = deps.workspaceLock ?? soleWorkspace();
    /** A claim or take-over under way: writes wait for it, to know whether this tab may write. */
    let claiming: Promise<unknown> | null = null;
    const takenOver = () => set({ storage: { status: 'taken-over' } });
    const persistence = guardedPersistence(deps.persistence, {
      lock,
      readWithinMs: deps.storageReadTimeoutMs ?? STORAGE_READ_TIMEOUT_MS,
      async mayWrite() {
        if (claiming) await claiming;
        return get().storage.status === 'saving';
      },
      onReadFailed: (reason) => set({ storage: { status: 'unavailable', reason } }),
    });

    return {
      storage: { status: 'saving' },
      persistence,
      async open() {
        if (deps.storageProblem) {
          set({ storage: { status: 'unavailable', reason: deps.storageProblem } });
          return;
        }
        // A lock the browser refuses (an opaque origin) leaves no way to coordinate: keep the workspace, as before.
        claiming = lock.claim(takenOver).catch(() => true);
        const keeps = await claiming;
        claiming = null;
        if (!keeps) {
          set({ storage: { status: 'elsewhere' } });
          return;
        }
        await get().restore();
      },
      async takeOver() {
        const { status } = get().storage;
        if (status !== 'elsewhere' && status !== 'taken-over') return;
        set({ storage: { status: 'taking-over' } });
        claiming = lock.takeOver(takenOver);
        try {
          await claiming;
        } catch (e) {
          claiming = null;
          set((s) => ({ storage: { status }, workspace: { ...s.workspace, notice: { kind: 'take-over-failed', detail: storageProblem(e) } } }));
          return;
        }
        // This tab now opens the work the other tab saved, in place of whatever it held.
        if (get().training.status === 'training') deps.engine.stop();
        deps.engine.cancelParse();
        tracker.dataset = null;
        tracker.model = null;
        set({ ...initialState(), storage: { status: 'saving' } });
        claiming = null;
        await get().restore();
      },
    };
  };
