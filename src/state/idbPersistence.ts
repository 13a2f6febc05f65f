import { createStore, delMany, get, set, type UseStore } from 'idb-keyval';
import type { Persistence, SavedDataset, SavedModel, SavedSettings } from './persistence';

const KEYS = { dataset: 'dataset', settings: 'settings', model: 'model' } as const;

/**
 * The workspace in IndexedDB: the dataset's bytes (not the parsed rows: re-reading is fast and
 * keeps one source of truth), the settings, and the model as bundle bytes (the export format).
 */
export function idbPersistence(): Persistence {
  const store: UseStore = createStore('sift', 'workspace');
  return {
    async load() {
      const [dataset, settings, model] = await Promise.all([
        get<SavedDataset>(KEYS.dataset, store),
        get<SavedSettings>(KEYS.settings, store),
        get<SavedModel>(KEYS.model, store),
      ]);
      return { dataset, settings, model };
    },
    saveDataset: (dataset) => set(KEYS.dataset, dataset, store),
    saveSettings: (settings) => set(KEYS.settings, settings, store),
    saveModel: (model) => (model ? set(KEYS.model, model, store) : delMany([KEYS.model], store)),
    clear: () => delMany(Object.values(KEYS), store),
  };
}
