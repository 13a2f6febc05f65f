import { createStore, delMany, get, set, type UseStore } from 'idb-keyval';
import type { Persistence, SavedDataset, SavedLabelReview, SavedModel, SavedSettings } from './persistence';
import { idbRunStorage } from './runs/idbRunStorage';

const KEYS = { dataset: 'dataset', settings: 'settings', model: 'model', labelReview: 'labelReview' } as const;

/** What is stored: bytes as Blobs, which IndexedDB writes without cloning them on the main thread. */
type Stored<T extends { bytes: Uint8Array }> = Omit<T, 'bytes'> & { bytes: Blob };

/** Bytes copied into a Blob per main-thread task (about a millisecond of memcpy each). */
const BLOB_CHUNK_BYTES = 256 * 1024;

/**
 * `new Blob([bytes])` copies the bytes synchronously: for a 2–5 MB bundle that was a 30–60 ms
 * main-thread task right when training ends. Copying a chunk per task and joining the chunk Blobs
 * (which copies nothing) keeps every task short.
 */
export async function blobInChunks(bytes: Uint8Array): Promise<Blob> {
  const parts: Blob[] = [];
  for (let at = 0; at < bytes.byteLength; at += BLOB_CHUNK_BYTES) {
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    parts.push(new Blob([bytes.subarray(at, at + BLOB_CHUNK_BYTES) as BlobPart]));
  }
  return new Blob(parts);
}

async function toStored<T extends { bytes: Uint8Array }>(value: T): Promise<Stored<T>> {
  return { ...value, bytes: await blobInChunks(value.bytes) };
}

async function fromStored<T extends { bytes: Uint8Array }>(value: Stored<T> | undefined): Promise<T | undefined> {
  if (!value) return undefined;
  return { ...value, bytes: new Uint8Array(await value.bytes.arrayBuffer()) } as T;
}

/**
 * The workspace in IndexedDB: the dataset's bytes (not the parsed rows: re-reading is fast and
 * keeps one source of truth), the settings, and the model in its stored form (persistence.ts).
 * Bytes go in as Blobs built a chunk per task: putting a multi-megabyte Uint8Array would
 * structured-clone it on the main thread, and one `new Blob` copies it in one go (measured: a
 * 57 ms task for the 2.3 MB SMS bundle right when training ends).
 */
export function idbPersistence(): Persistence {
  const store: UseStore = createStore('sift', 'workspace');
  return {
    async load() {
      const [dataset, settings, model, labelReview] = await Promise.all([
        get<Stored<SavedDataset>>(KEYS.dataset, store),
        get<SavedSettings>(KEYS.settings, store),
        get<Stored<SavedModel>>(KEYS.model, store),
        get<SavedLabelReview>(KEYS.labelReview, store),
      ]);
      return { dataset: await fromStored(dataset), settings, model: await fromStored(model), labelReview };
    },
    saveDataset: async (dataset) => (dataset ? set(KEYS.dataset, await toStored(dataset), store) : delMany([KEYS.dataset], store)),
    saveSettings: (settings) => set(KEYS.settings, settings, store),
    saveModel: async (model) => (model ? set(KEYS.model, await toStored(model), store) : delMany([KEYS.model], store)),
    // Plain data (rows, labels, texts of the flagged rows): small, cloned as it is.
    saveLabelReview: (review) => set(KEYS.labelReview, review, store),
    loadLabelReview: () => get<SavedLabelReview>(KEYS.labelReview, store),
    clear: () => delMany(Object.values(KEYS), store),
    runs: idbRunStorage(store),
  };
}
