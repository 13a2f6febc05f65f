import type { StateCreator } from 'zustand';
import { toAppError } from '@/core/errors';
import type { EngineTracker, StoreDeps } from '../deps';
import { emptyRun } from '../initialState';
import { readyModel } from '../selectors';
import type { ModelActions, ReadyModel, SiftState } from '../types';
import { guard } from './saving';

export const createModelSlice =
  (deps: StoreDeps, tracker: EngineTracker, afterModelChange: () => void): StateCreator<SiftState, [], [], ModelActions & { openBundle(bytes: Uint8Array, fileName: string, origin: ReadyModel['origin']): Promise<boolean> }> =>
  (set, get) => {
    async function openBundle(bytes: Uint8Array, fileName: string, origin: ReadyModel['origin']): Promise<boolean> {
      const previous = readyModel(get().model);
      set({ model: { status: 'loading', fileName, previous }, modelError: null });
      try {
        const summary = await deps.engine.importModel(bytes);
        tracker.model = { bundle: bytes, generation: deps.engine.generation };
        set((s) => ({
          model: { status: 'ready', summary, bundle: bytes, origin },
          // The charts and metrics now describe this model, not a run from before.
          training: s.training.status === 'training' ? s.training : { status: 'idle' },
          run: s.training.status === 'training' ? s.run : emptyRun(),
        }));
        afterModelChange();
        return true;
      } catch (e) {
        const error = toAppError(e);
        set({ model: previous ?? { status: 'none' }, modelError: { ...error, message: `${fileName}: ${error.message}` } });
        return false;
      }
    }

    return {
      openBundle,
      async importModel(bytes, fileName) {
        if (await openBundle(bytes, fileName, 'imported')) {
          await guard(set, () => deps.persistence.saveModel({ bytes, fileName }));
        }
      },
      exportModel() {
        const model = readyModel(get().model);
        return model ? { fileName: model.summary.bundleFileName, bytes: model.bundle } : null;
      },
      dismissModelError: () => set({ modelError: null }),
    };
  };
