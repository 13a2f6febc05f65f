import { del, delMany, get, getMany, keys, set, type UseStore } from 'idb-keyval';
import { blobInChunks } from '../idbPersistence';
import type { RunStorage } from './runStorage';
import type { RunRecord } from './types';

const RECORD = 'run:';
const MODEL = 'run-model:';

/**
 * Runs in the workspace's IndexedDB store, beside the dataset, settings and current model: a key
 * per record (`run:ID`) and per model (`run-model:ID`, bytes as a Blob written a chunk per task,
 * as the workspace's own model is: see idbPersistence.ts).
 */
export function idbRunStorage(store: UseStore): RunStorage {
  const recordKeys = async () => (await keys<IDBValidKey>(store)).filter((k): k is string => typeof k === 'string' && k.startsWith(RECORD));
  const modelKeys = async () => (await keys<IDBValidKey>(store)).filter((k): k is string => typeof k === 'string' && k.startsWith(MODEL));
  return {
    async list() {
      const found = await getMany<RunRecord | undefined>(await recordKeys(), store);
      return found.filter((r): r is RunRecord => r !== undefined);
    },
    put: (record) => set(RECORD + record.id, record, store),
    putModel: async (id, bytes) => set(MODEL + id, await blobInChunks(bytes), store),
    async getModel(id) {
      const blob = await get<Blob>(MODEL + id, store);
      return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
    },
    deleteModel: (id) => del(MODEL + id, store),
    delete: (id) => delMany([RECORD + id, MODEL + id], store),
    clear: async () => delMany([...(await recordKeys()), ...(await modelKeys())], store),
  };
}
