import type { RunRecord } from './types';

/**
 * Where runs survive a reload: one record per run (small: settings, history, metrics) and, apart
 * from it, the run's model bytes, so listing runs never reads megabytes of weights.
 */
export interface RunStorage {
  /** Every saved run, in no particular order. */
  list(): Promise<RunRecord[]>;
  put(record: RunRecord): Promise<void>;
  putModel(id: string, bytes: Uint8Array): Promise<void>;
  /** The run's model bytes, or undefined when none is stored. */
  getModel(id: string): Promise<Uint8Array | undefined>;
  deleteModel(id: string): Promise<void>;
  /** The record and its model. */
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** Runs kept for this page's lifetime only (tests; browsers without IndexedDB). */
export function memoryRunStorage(): RunStorage {
  const records = new Map<string, RunRecord>();
  const models = new Map<string, Uint8Array>();
  return {
    list: async () => [...records.values()].map((r) => structuredClone(r)),
    put: async (record) => void records.set(record.id, structuredClone(record)),
    putModel: async (id, bytes) => void models.set(id, bytes),
    getModel: async (id) => models.get(id),
    deleteModel: async (id) => void models.delete(id),
    delete: async (id) => {
      records.delete(id);
      models.delete(id);
    },
    clear: async () => {
      records.clear();
      models.clear();
    },
  };
}
