import { createStore, delMany, get, set, type UseStore } from 'idb-keyval';
import type { Persistence, SavedDataset, SavedModel, SavedSettings } from './persistence';

const KEYS = { dataset: 'dataset', settings: 'settings', model: 'model' } as const;

/** What is stored: bytes as Blobs, which IndexedDB writes without cloning them on the main thread. */
type Stored<T extends { bytes: Uint8Array }> = Omit<T, 'bytes'> & { bytes: Blob };

const toStored = <T extends { bytes: Uint8Array }>(value: T): Stored<T> => ({ ...value, bytes: new Blob([value.bytes as BlobPart]) });

async function fromStored<T extends { bytes: Uint8Array }>(value: Stored<T> | undefined): Promise<T | undefined> {
  if (!value) return undefined;
  return { ...value, bytes: new Uint8Array(await value.bytes.arrayBuffer()) } as T;
}

/**
 * The workspace in IndexedDB: the dataset's bytes (not the parsed rows: re-reading is fast and
 * keeps one source of truth), the settings, and the model as bundle bytes (the export format).
 * Bytes go in as Blobs: putting a multi-megabyte Uint8Array would structured-clone it on the
 * main thread (measured: ~60 ms for a bundle right when training ends).
 */
export function idbPersistence(): Persistence {
  const store: UseStore = createStore('sift', 'workspace');
  return {
    async load() {
      const [dataset, settings, model] = await Promise.all([
        get<Stored<SavedDataset>>(KEYS.dataset, store),
        get<SavedSettings>(KEYS.settings, store),
        get<Stored<SavedModel>>(KEYS.model, store),
      ]);
      return { dataset: await fromStored(dataset), settings, model: await fromStored(model) };
    },
    saveDataset: (dataset) => set(KEYS.dataset, toStored(dataset), store),
    saveSettings: (settings) => set(KEYS.settings, settings, store),
    saveModel: (model) => (model ? set(KEYS.model, toStored(model), store) : delMany([KEYS.model], store)),
    clear: () => delMany(Object.values(KEYS), store),
  };
}
