import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore } from 'idb-keyval';
import { idbPersistence } from '../idbPersistence';
import { idbRunStorage } from './idbRunStorage';
import { memoryRunStorage, type RunStorage } from './runStorage';
import { runRecord } from '../../../tests/helpers/runs';

/** The same behaviour from both storages: IndexedDB in the page, memory where it is missing. */
describe.each([
  ['memory', () => memoryRunStorage()],
  ['IndexedDB', () => idbRunStorage(createStore(`sift-test-${Math.random()}`, 'workspace'))],
] as const)('%s run storage', (_name, make: () => RunStorage) => {
  it('keeps records and models apart, and deletes both', async () => {
    const storage = make();
    // Over one 256 KB chunk, so the Blob is built from several.
    const model = Uint8Array.from({ length: 600_000 }, (_, i) => i % 251);
    const same = (a: Uint8Array | undefined) => a !== undefined && Buffer.from(a).equals(Buffer.from(model));
    await storage.put(runRecord(1));
    await storage.put(runRecord(2));
    await storage.putModel('run-1', model);
    expect((await storage.list()).map((r) => r.id).sort()).toEqual(['run-1', 'run-2']);
    expect(same(await storage.getModel('run-1'))).toBe(true);
    expect(await storage.getModel('run-2')).toBeUndefined();

    await storage.put({ ...runRecord(1), status: 'complete' });
    expect((await storage.list()).find((r) => r.id === 'run-1')?.status).toBe('complete');

    await storage.deleteModel('run-1');
    expect(await storage.getModel('run-1')).toBeUndefined();
    expect(await storage.list()).toHaveLength(2);

    await storage.putModel('run-2', model);
    await storage.delete('run-2');
    expect(await storage.getModel('run-2')).toBeUndefined();
    expect((await storage.list()).map((r) => r.id)).toEqual(['run-1']);

    await storage.clear();
    expect(await storage.list()).toEqual([]);
  });
});

describe('runs in the workspace’s IndexedDB', () => {
  it('survive "forget the workspace" until runs.clear(), and a new connection reads them back', async () => {
    const persistence = idbPersistence();
    await persistence.saveSettings({ overrides: { epochs: 3 } });
    await persistence.runs.put(runRecord(7));
    await persistence.runs.putModel('run-7', new Uint8Array([1, 2, 3]));
    await persistence.clear();
    const again = idbPersistence();
    expect(await again.load()).toEqual({ dataset: undefined, settings: undefined, model: undefined });
    expect((await again.runs.list()).map((r) => r.id)).toEqual(['run-7']);
    expect(await again.runs.getModel('run-7')).toEqual(new Uint8Array([1, 2, 3]));
    await again.runs.clear();
    expect(await idbPersistence().runs.list()).toEqual([]);
  });
});
