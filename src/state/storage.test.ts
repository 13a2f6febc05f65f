/**
 * Where the workspace is kept, as the page's store sees it: two tabs over one storage (the Web
 * Locks rules, on a spec-following LockManager in memory), and storage that hangs, is full or is
 * missing. The real engine runs in-process; persistence is memory, wrapped to misbehave.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeLockManager } from '../../tests/helpers/fakeLockManager';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import type { StoreDeps } from './deps';
import { memoryPersistence, type Persistence } from './persistence';
import { currentData } from './selectors';
import { createSiftStore, type SiftStore } from './store';
import { webLocksWorkspace } from './workspaceLock';

const CSV = new TextEncoder().encode(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 201).join('\n'));

const engines: { dispose(): void }[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

function makeStore(persistence: Persistence, more: Partial<StoreDeps> = {}): SiftStore {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
  engines.push(engine);
  return createSiftStore({
    engine,
    persistence,
    fetchSample: async () => new Uint8Array(0),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
    ...more,
  });
}

const fileName = (store: SiftStore) => currentData(store.getState().data)?.source.fileName ?? null;

describe('two tabs over one saved workspace', () => {
  const saved = memoryPersistence();
  const locks = new FakeLockManager() as unknown as LockManager;
  const tab = () => makeStore(saved, { workspaceLock: webLocksWorkspace(locks) });
  const a = tab();
  const b = tab();

  it('the first tab keeps the workspace and saves as before', async () => {
    await a.getState().open();
    expect(a.getState().storage).toEqual({ status: 'saving' });
    await a.getState().loadFile(CSV, 'a.csv');
    expect((await saved.load()).dataset?.fileName).toBe('a.csv');
  });

  it('the second is told Sift is open elsewhere, and neither opens nor overwrites the saved work, "New" included', async () => {
    await b.getState().open();
    expect(b.getState().storage).toEqual({ status: 'elsewhere' });
    expect(b.getState().data.status).toBe('idle');
    await b.getState().loadFile(CSV, 'b.csv');
    b.getState().updateSetting('epochs', 3);
    expect(fileName(b)).toBe('b.csv');
    await b.getState().newWorkspace();
    const kept = await saved.load();
    expect(kept.dataset?.fileName).toBe('a.csv');
    expect(kept.settings).toBeUndefined();
  });

  it('taking over: the first tab stops saving and says so, the second opens the saved work and saves', async () => {
    await b.getState().takeOver();
    expect(b.getState().storage).toEqual({ status: 'saving' });
    expect(a.getState().storage).toEqual({ status: 'taken-over' });
    expect(fileName(b)).toBe('a.csv');

    a.getState().updateSetting('epochs', 7);
    await a.getState().loadFile(CSV, 'a-later.csv');
    expect((await saved.load()).dataset?.fileName).toBe('a.csv');
    expect((await saved.load()).settings).toBeUndefined();

    b.getState().updateSetting('epochs', 4);
    await new Promise((r) => setTimeout(r, 20));
    expect((await saved.load()).settings).toEqual({ overrides: { epochs: 4 } });
  });

  it('a browser that refuses the lock leaves this tab keeping the workspace, as before', async () => {
    const refusing = { claim: () => Promise.reject(new DOMException('', 'SecurityError')), takeOver: async () => {}, write: <T>(save: () => Promise<T>) => save() };
    const store = makeStore(saved, { workspaceLock: refusing });
    await store.getState().open();
    expect(store.getState().storage).toEqual({ status: 'saving' });
    expect(fileName(store)).toBe('a.csv');
  });

  it('and the first tab can take it back', async () => {
    await a.getState().takeOver();
    expect(a.getState().storage).toEqual({ status: 'saving' });
    expect(b.getState().storage).toEqual({ status: 'taken-over' });
    expect(a.getState().settings.overrides).toEqual({ epochs: 4 });
  });
});

/** Memory persistence whose methods are replaced as given. */
function misbehaving(overrides: Partial<Persistence>): Persistence & { writes: string[] } {
  const inner = memoryPersistence();
  const writes: string[] = [];
  const record = <K extends keyof Persistence>(name: K): Persistence[K] =>
    ((...args: never[]) => {
      writes.push(name);
      return (inner[name] as (...a: never[]) => Promise<unknown>)(...args);
    }) as Persistence[K];
  return {
    load: inner.load,
    saveDataset: record('saveDataset'),
    saveSettings: record('saveSettings'),
    saveModel: record('saveModel'),
    saveLabelReview: record('saveLabelReview'),
    loadLabelReview: inner.loadLabelReview,
    clear: record('clear'),
    runs: inner.runs,
    ...overrides,
    writes,
  };
}

describe('storage that does not work', () => {
  it('a read that never answers ends "Restoring…" in time, says so, and nothing is written over the unread work', async () => {
    const storage = misbehaving({ load: () => new Promise(() => {}) });
    const store = makeStore(storage, { storageReadTimeoutMs: 100 });
    await store.getState().open();
    const { workspace, storage: access } = store.getState();
    expect(workspace.status).toBe('ready');
    // The page words these (src/ui/workspace/storageWords.test.ts): "…could not be restored (the browser's storage did not answer within 0.1 s)."
    expect(workspace.notice).toEqual({ kind: 'restore-failed', detail: { kind: 'no-answer', seconds: 0.1 } });
    expect(access).toEqual({ status: 'unavailable', reason: { kind: 'no-answer', seconds: 0.1 } });
    await store.getState().loadFile(CSV, 'x.csv');
    expect(storage.writes).toEqual([]);
  });

  it('a full quota gives the reason, not "()"', async () => {
    const full = async () => {
      throw new DOMException('', 'QuotaExceededError');
    };
    const store = makeStore(misbehaving({ saveDataset: full }));
    await store.getState().open();
    await store.getState().loadFile(CSV, 'x.csv');
    expect(store.getState().workspace.notice).toEqual({ kind: 'save-failed', detail: { kind: 'full', message: '' } });
    expect(store.getState().storage).toEqual({ status: 'saving' });
  });

  it('a storage that fails to open is named, and this tab then writes nothing', async () => {
    const storage = misbehaving({
      load: async () => {
        throw new DOMException('', 'InvalidStateError');
      },
    });
    const store = makeStore(storage);
    await store.getState().open();
    const reason = { kind: 'no-storage-in-window', message: '' };
    expect(store.getState().storage).toEqual({ status: 'unavailable', reason });
    expect(store.getState().workspace.notice).toEqual({ kind: 'restore-failed', detail: reason });
    await store.getState().loadFile(CSV, 'x.csv');
    expect(storage.writes).toEqual([]);
  });

  it('no IndexedDB at all: says so once, at the start', async () => {
    const store = makeStore(memoryPersistence(), { storageProblem: { kind: 'no-indexeddb' } });
    await store.getState().open();
    expect(store.getState().storage).toEqual({ status: 'unavailable', reason: { kind: 'no-indexeddb' } });
    expect(store.getState().workspace.notice).toBeNull();
  });
});
