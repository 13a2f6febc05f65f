/**
 * The page's single store: slices typed with StateCreator, built around injected deps so the
 * same store runs in the app (worker + IndexedDB) and in Node tests (in-process engine + memory).
 * Actions are plain functions on the state: callable from React, from tests, from anywhere.
 */
import { create } from 'zustand';
import type { EngineTracker, StoreDeps } from './deps';
import { initialState } from './initialState';
import { createDataSlice } from './slices/dataSlice';
import { createLabelReviewSlice } from './slices/labelReviewSlice';
import { createModelSlice } from './slices/modelSlice';
import { createRunsSlice } from './slices/runsSlice';
import { createSettingsSlice } from './slices/settingsSlice';
import { createStorageSlice } from './slices/storageSlice';
import { createTrainingSlice } from './slices/trainingSlice';
import { createTextListSlice } from './slices/textListSlice';
import { createTrySlice } from './slices/trySlice';
import { createWorkspaceSlice } from './slices/workspaceSlice';
import type { SiftState } from './types';

export function createSiftStore(deps: StoreDeps) {
  const tracker: EngineTracker = { dataset: null, model: null };

  return create<SiftState>()((set, get, api) => {
    // Every slice below saves through the storage slice's guard: only the tab that keeps the
    // workspace writes, and only once its storage could be read (slices/storageSlice.ts).
    const { persistence, ...storage } = createStorageSlice(deps, tracker)(set, get, api);
    deps = { ...deps, persistence };
    const tryIt = createTrySlice(deps, tracker)(set, get, api);
    const { forgetTextList, ...textListActions } = createTextListSlice(deps, tracker)(set, get, api);
    // A new model (trained, opened, restored) answers the text already in the Try box, and the
    // texts listed under the old model's confusion matrix are no longer its own.
    const afterModelChange = () => {
      forgetTextList();
      void tryIt.predictNow();
    };
    const model = createModelSlice(deps, tracker, afterModelChange)(set, get, api);
    const { openBundle, ...modelActions } = model;
    const { runsInternals, ...runsActions } = createRunsSlice(deps, openBundle, forgetTextList)(set, get, api);
    const data = createDataSlice(deps, tracker, runsInternals.datasetChanged)(set, get, api);
    const { parseSource, ...dataActions } = data;
    const { predictNow: _internal, ...tryActions } = tryIt;
    return {
      ...initialState(),
      ...storage,
      ...dataActions,
      ...createSettingsSlice(deps)(set, get, api),
      ...createTrainingSlice(deps, tracker, afterModelChange, runsInternals.recorder)(set, get, api),
      ...modelActions,
      ...tryActions,
      ...textListActions,
      ...createLabelReviewSlice(deps, tracker)(set, get, api),
      ...createWorkspaceSlice(deps, tracker, { parseSource, openBundle, restoreRuns: runsInternals.restoreRuns })(set, get, api),
      ...runsActions,
    };
  });
}

export type SiftStore = ReturnType<typeof createSiftStore>;
