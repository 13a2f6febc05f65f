import { storageProblem } from '../storageProblem';
import type { StateCreator } from 'zustand';
import { resolveSettings } from '@/core/settings';
import type { EngineTracker, StoreDeps } from '../deps';
import { openSource } from '../dataSource';
import { initialState } from '../initialState';
import { savedOverrides } from '../persistence';
import type { DataSource, SiftState, WorkspaceActions } from '../types';

interface Internals {
  parseSource(source: DataSource, save: boolean, bytes?: Uint8Array): Promise<void>;
  openBundle(bytes: Uint8Array, fileName: string, origin: 'restored'): Promise<boolean>;
  /** Runs saved earlier, and a run a reload interrupted (runsSlice.ts). */
  restoreRuns(): Promise<void>;
}

export const createWorkspaceSlice =
  (deps: StoreDeps, tracker: EngineTracker, internals: Internals): StateCreator<SiftState, [], [], WorkspaceActions> =>
  (set, get) => ({
    async restore() {
      set((s) => ({ workspace: { ...s.workspace, status: 'restoring' } }));
      try {
        const saved = await deps.persistence.load();
        if (saved.settings) {
          try {
            const overrides = savedOverrides(saved.settings);
            resolveSettings(overrides);
            set((s) => ({ settings: { ...s.settings, overrides } }));
          } catch {
            // Settings from an older version that no longer validate: keep the defaults.
          }
        }
        // The model first: the Try box answers while a big dataset is still being read.
        if (saved.model) await internals.openBundle(saved.model.bytes, saved.model.fileName, 'restored');
        if (saved.dataset) {
          const { source, bytes } = await openSource(saved.dataset.bytes, saved.dataset.fileName, saved.dataset.options);
          await internals.parseSource(source, false, bytes);
        }
        await internals.restoreRuns();
      } catch (e) {
        set((s) => ({ workspace: { ...s.workspace, notice: { kind: 'restore-failed', detail: storageProblem(e) } } }));
      } finally {
        set((s) => ({ workspace: { ...s.workspace, status: 'ready' } }));
      }
    },
    async newWorkspace() {
      // A fresh engine drops the worker's dataset, model and any run in progress.
      if (get().training.status === 'training') deps.engine.stop();
      deps.engine.cancelParse();
      tracker.dataset = null;
      tracker.model = null;
      set(initialState());
      try {
        await deps.persistence.clear();
        await deps.persistence.runs.clear();
      } catch (e) {
        set((s) => ({ workspace: { ...s.workspace, notice: { kind: 'clear-failed', detail: storageProblem(e) } } }));
      }
    },
    reset() {
      set(initialState());
    },
  });
