import type { StateCreator } from 'zustand';
import { BUNDLE_LIMITS, fileTooLarge } from '@/core/bundle/limits';
import { toAppError } from '@/core/errors';
import type { EngineTracker, StoreDeps } from '../deps';
import { emptyRun } from '../initialState';
import { readyModel } from '../selectors';
import type { ModelActions, ReadyModel, SiftState } from '../types';
import { engineSync } from './engineSync';
import { guard } from './saving';

export const createModelSlice =
  (deps: StoreDeps, tracker: EngineTracker, afterModelChange: () => void): StateCreator<SiftState, [], [], ModelActions & { openBundle(bytes: Uint8Array, fileName: string, origin: ReadyModel['origin']): Promise<boolean> }> =>
  (set, get) => {
    const sync = engineSync(deps, tracker, get);

    /** Opens a .sift.zip or a model's stored form (a reload) in the engine and makes it the page's model. */
    async function openBundle(bytes: Uint8Array, fileName: string, origin: ReadyModel['origin']): Promise<boolean> {
      const previous = readyModel(get().model);
      set({ model: { status: 'loading', fileName, previous }, modelError: null });
      let ready: ReadyModel;
      try {
        const opened = await deps.engine.importModel(bytes);
        // A zip comes back with its stored form; stored bytes (a reload) are that form already.
        const stored = opened.stored ? new Uint8Array(opened.stored) : bytes;
        ready = { status: 'ready', summary: opened.model, stored, bundle: opened.stored ? bytes : null, origin };
        tracker.model = { stored, generation: deps.engine.generation };
        set((s) => ({
          model: ready,
          // The charts and metrics now describe this model, not a run from before.
          training: s.training.status === 'training' ? s.training : { status: 'idle' },
          run: s.training.status === 'training' ? s.run : emptyRun(),
        }));
      } catch (e) {
        const error = toAppError(e);
        set({ model: previous ?? { status: 'none' }, modelError: { ...error, message: `${fileName}: ${error.message}` } });
        return false;
      }
      // A workspace saved as a zip (Sift 0.2.0) is kept in the stored form from now on.
      if (origin === 'restored' && ready.bundle) await guard(set, () => deps.persistence.saveModel({ bytes: ready.stored, fileName }));
      afterModelChange();
      return true;
    }

    return {
      openBundle,
      async importModel(bytes, fileName) {
        if (!(await openBundle(bytes, fileName, 'imported'))) return;
        const model = readyModel(get().model);
        if (model) await guard(set, () => deps.persistence.saveModel({ bytes: model.stored, fileName: model.summary.bundleFileName }));
      },
      async openModelFile(file, fileName) {
        // Before reading it: a file larger than any Sift model would only cost memory to refuse.
        if (file.size > BUNDLE_LIMITS.bundleBytes) {
          const error = fileTooLarge(file.size).toJSON();
          set({ modelError: { ...error, message: `${fileName}: ${error.message}` } });
          return;
        }
        await get().importModel(new Uint8Array(await file.arrayBuffer()), fileName);
      },
      async exportModel() {
        const model = readyModel(get().model);
        if (!model) return null;
        if (model.bundle) return { fileName: model.summary.bundleFileName, bytes: model.bundle };
        try {
          await sync.ensureModel();
          const { bundle } = await deps.engine.exportModel();
          return { fileName: model.summary.bundleFileName, bytes: bundle };
        } catch (e) {
          // The engine's message (English, as the CLI says it) goes into the page's sentence.
          const { message } = toAppError(e);
          set((s) => ({ workspace: { ...s.workspace, notice: { kind: 'export-failed', detail: { kind: 'other', name: '', message } } } }));
          return null;
        }
      },
      async compareWeightFormats() {
        if (!readyModel(get().model)) return null;
        // A restarted engine is sent the kept model: it then knows its one format only (null).
        await sync.ensureModel();
        return deps.engine.compareFormats();
      },
      async exportModelAs(format) {
        const model = readyModel(get().model);
        if (!model) return null;
        // A file the person opened goes back as it came.
        if (model.bundle && format === model.summary.settings.weights) return { fileName: model.summary.bundleFileName, bytes: model.bundle };
        await sync.ensureModel();
        const { bundle } = await deps.engine.exportModel(format);
        return { fileName: model.summary.bundleFileName, bytes: bundle };
      },
      dismissModelError: () => set({ modelError: null }),
    };
  };
