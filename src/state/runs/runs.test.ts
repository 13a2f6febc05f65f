/**
 * Runs as the page keeps them: the store with the real engine (in-process transport) and memory
 * storage, checkpoints written at every improvement.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { smsHead } from '../../../tests/helpers/datasets';
import { runRecord } from '../../../tests/helpers/runs';
import { memoryPersistence, type Persistence } from '../persistence';
import { readyModel } from '../selectors';
import { currentRunId } from '../slices/runsSlice';
import { createSiftStore, type SiftStore } from '../store';

function makeStore(persistence: Persistence) {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0, checkpoints: { intervalMs: 0, costFactor: 0 } }));
  const store = createSiftStore({
    engine,
    persistence,
    fetchSample: async (fileName) => new Uint8Array(readFileSync(`public/samples/${fileName}`)),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
  });
  return { store, engine };
}

async function until(done: () => boolean | Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const SMALL = { embeddingDim: 16, hiddenUnits: 16, backend: 'cpu', validationShare: 0.2, epochs: 2 } as const;

function configure(store: SiftStore, settings: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(settings)) store.getState().updateSetting(key as never, value as never);
}

/** Memory storage whose run writes can be cut off, as a closed page's would be. */
function cuttable(inner: Persistence): Persistence & { cut(): void } {
  let cut = false;
  const runs = inner.runs;
  const unlessCut = <A extends unknown[]>(f: (...a: A) => Promise<void>) => (...a: A) => (cut ? Promise.resolve() : f(...a));
  return {
    ...inner,
    saveModel: unlessCut(inner.saveModel),
    runs: { ...runs, put: unlessCut(runs.put), putModel: unlessCut(runs.putModel), delete: unlessCut(runs.delete), deleteModel: unlessCut(runs.deleteModel) },
    cut: () => void (cut = true),
  };
}

describe('runs', () => {
  const persistence = memoryPersistence();
  const { store, engine } = makeStore(persistence);
  const later: (() => void)[] = [() => engine.dispose()];
  afterAll(() => later.forEach((f) => f()));

  it('keeps every run, newest first, with its settings, figures, wait and model', async () => {
    await store.getState().loadFile(smsHead(500), 'sms_head.csv');
    configure(store, SMALL);
    await store.getState().train();
    store.getState().updateSetting('embeddingDim', 8);
    await store.getState().train();
    await until(async () => (await persistence.runs.list()).every((r) => r.status === 'complete'), 'saved runs');

    const [second, first] = store.getState().runs.list;
    expect([second.number, first.number]).toEqual([2, 1]);
    expect([first.settings.embeddingDim, second.settings.embeddingDim]).toEqual([16, 8]);
    for (const run of [first, second]) {
      expect(run).toMatchObject({ status: 'complete', datasetFileName: 'sms_head.csv', labels: ['ham', 'spam'], backend: 'cpu' });
      expect(run.history).toHaveLength(2);
      expect(run.validation?.macroF1).toBeGreaterThan(0);
      expect(run.waited?.total).toBeGreaterThan(0);
      expect(run.waited!.preparing + run.waited!.measuring + run.waited!.training).toBeCloseTo(run.waited!.total, 6);
      expect((await persistence.runs.getModel(run.id))?.byteLength).toBe(run.model?.byteLength);
    }
    expect(currentRunId(store.getState())).toBe(second.id);
    const saved = (await persistence.runs.list()).sort((a, b) => a.number - b.number);
    expect(saved.map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it('makes an earlier run current: Try, Export and the charts use its model', async () => {
    const first = store.getState().runs.list[1];
    await store.getState().useRun(first.id);
    expect(currentRunId(store.getState())).toBe(first.id);
    const model = readyModel(store.getState().model);
    expect(model?.summary.settings.embeddingDim).toBe(16);
    expect((await store.getState().exportModel())?.bytes.byteLength).toBeGreaterThan(0);
    expect((await persistence.load()).model?.bytes.byteLength).toBe(first.model?.byteLength);
    store.getState().setTryText('WINNER!! call now to claim your prize');
    await until(() => store.getState().tryIt.result !== null && !store.getState().tryIt.pending, 'a prediction');
    expect(store.getState().tryIt.error).toBeNull();
  });

  it('picks at most two runs to compare, and deletes a run with its model', async () => {
    const [second, first] = store.getState().runs.list;
    store.getState().toggleCompare(first.id);
    store.getState().toggleCompare(second.id);
    expect(store.getState().runs.compare).toEqual([first.id, second.id]);
    await store.getState().deleteRun(first.id);
    expect(store.getState().runs.list.map((r) => r.id)).toEqual([second.id]);
    expect(store.getState().runs.compare).toEqual([second.id]);
    expect(await persistence.runs.getModel(first.id)).toBeUndefined();
    expect((await persistence.runs.list()).map((r) => r.id)).toEqual([second.id]);
  });

  it('loading another file clears the current model’s views; the runs stay, with their file', async () => {
    expect(readyModel(store.getState().model)).not.toBeNull();
    await store.getState().loadSample('sms');
    const s = store.getState();
    expect(s.model.status).toBe('none');
    expect(s.tryIt.result).toBeNull();
    expect(s.run.epochs).toEqual([]);
    expect(s.training.status).toBe('idle');
    expect(s.runs.list.map((r) => r.datasetFileName)).toEqual(['sms_head.csv']);
    expect((await persistence.load()).model).toBeUndefined();
  });

  it('"New" forgets the runs too', async () => {
    await store.getState().newWorkspace();
    expect(store.getState().runs.list).toEqual([]);
    expect(await persistence.runs.list()).toEqual([]);
  });
});

describe('a run interrupted by a reload', () => {
  it('is reported on return, and its best epoch so far becomes the current model', async () => {
    const shared = memoryPersistence();
    const page = cuttable(shared);
    const { store, engine } = makeStore(page);
    await store.getState().loadFile(smsHead(500), 'sms_head.csv');
    configure(store, { ...SMALL, epochs: 500, earlyStoppingPatience: 0 });
    const running = store.getState().train();
    await until(async () => (await shared.runs.list()).some((r) => r.model !== null && r.history.length >= 2), 'a checkpoint and two epochs');
    // The page goes away: nothing it does from now on reaches storage.
    page.cut();

    const { store: reopened, engine: fresh } = makeStore(shared);
    await reopened.getState().restore();
    const notice = reopened.getState().runs.interrupted;
    const [run] = reopened.getState().runs.list;
    expect(run.status).toBe('interrupted');
    expect(notice).toMatchObject({ runId: run.id, runNumber: 1, atEpoch: run.history.length + 1, keptEpoch: run.model?.epoch });
    const model = readyModel(reopened.getState().model);
    expect(model?.summary.training.stopReason).toBe('interrupted');
    expect(model?.summary.training.bestEpoch).toBe(notice?.keptEpoch);
    expect(currentRunId(reopened.getState())).toBe(run.id);
    expect((await shared.runs.list())[0].status).toBe('interrupted');

    store.getState().stopTraining();
    await running;
    engine.dispose();
    fresh.dispose();
  });

  it('with no epoch finished yet: reported, with no model kept', async () => {
    const shared = memoryPersistence();
    await shared.runs.put(runRecord(3, { status: 'training', history: [], bestEpoch: null, model: null, validation: null }, null));
    const { store, engine } = makeStore(shared);
    await store.getState().restore();
    expect(store.getState().runs.interrupted).toEqual({ runId: 'run-3', runNumber: 3, atEpoch: 1, keptEpoch: null });
    expect(store.getState().model.status).toBe('none');
    engine.dispose();
  });
});

describe('storage stays bounded', () => {
  it('a finished run drops the models of runs beyond the newest five', async () => {
    const shared = memoryPersistence();
    for (let n = 1; n <= 5; n++) {
      await shared.runs.put(runRecord(n));
      await shared.runs.putModel(`run-${n}`, new Uint8Array(10));
    }
    const { store, engine } = makeStore(shared);
    await store.getState().restore();
    await store.getState().loadFile(smsHead(300), 'sms_head.csv');
    configure(store, { ...SMALL, epochs: 1 });
    await store.getState().train();
    await until(async () => (await shared.runs.getModel('run-1')) === undefined, 'the oldest model dropped');
    const run1 = store.getState().runs.list.find((r) => r.id === 'run-1');
    expect(run1).toMatchObject({ model: null, modelDropped: true, status: 'complete' });
    expect(run1?.validation).not.toBeNull();
    expect(await shared.runs.getModel('run-2')).toBeDefined();
    engine.dispose();
  });
});
