/**
 * Runs: every training run is saved as it goes (a record at the start, its history per epoch, a
 * checkpoint model when the engine sends one, the final model at the end), so runs can be
 * compared, made current again, and a run cut short by a reload is found and reported.
 */
import type { StateCreator } from 'zustand';
import type { ModelSummary } from '@/core/session';
import type { TrainSettings } from '@/core/settings';
import type { ProgressEvent } from '@/worker/protocol';
import type { StoreDeps } from '../deps';
import { emptyRun } from '../initialState';
import { readyModel } from '../selectors';
import type { ReadyModel, SiftState } from '../types';
import { modelsToDrop } from '../runs/retention';
import type { RunRecord, RunsActions, WaitedTime } from '../runs/types';
import { WaitClock } from '../runs/waited';
import { guard } from './saving';

type OpenBundle = (bytes: Uint8Array, fileName: string, origin: ReadyModel['origin']) => Promise<boolean>;

/** What the training slice tells the runs about the run in progress. */
export interface RunRecorder {
  /** A run starts: its record is saved at once, so a reload mid-run finds it. */
  start(settings: TrainSettings, datasetFileName: string): void;
  /** Each engine event, as it arrives (before the frame buffer delays it). */
  event(event: ProgressEvent): void;
  /** The run trained: the record becomes complete with its model; returns what the person waited. */
  /** `bytes`: the model as the page keeps it (its stored form; a checkpoint is a .sift.zip), both open in the engine. */
  finish(model: ModelSummary, bytes: Uint8Array): WaitedTime | null;
  /** The run failed: it kept nothing worth listing, so its record goes. */
  fail(): void;
}

export interface RunsInternals {
  recorder: RunRecorder;
  /** On restore: runs saved earlier; any still 'training' was interrupted by the reload. */
  restoreRuns(): Promise<void>;
  /** A different data file was loaded: the current model's views go (its run stays listed). */
  datasetChanged(fileName: string): void;
}

const newestFirst = (a: RunRecord, b: RunRecord) => b.number - a.number;

/** The run whose model is the page's current model (matched by the bundle's createdAt). */
export function currentRunId(s: Pick<SiftState, 'runs' | 'model'>): string | null {
  const createdAt = readyModel(s.model)?.summary.createdAt;
  if (!createdAt) return null;
  return s.runs.list.find((r) => r.model?.createdAt === createdAt)?.id ?? null;
}

export const createRunsSlice =
  (deps: StoreDeps, openBundle: OpenBundle, afterModelCleared: () => void = () => undefined): StateCreator<SiftState, [], [], RunsActions & { runsInternals: RunsInternals }> =>
  (set, get) => {
    const storage = () => deps.persistence.runs;
    // Writes of one run go in order: a late checkpoint must never overwrite the finished record.
    let writes: Promise<void> = Promise.resolve();
    const write = (save: () => Promise<void>) => {
      writes = writes.then(() => guard(set, save));
      return writes;
    };
    let active: { id: string; clock: WaitClock } | null = null;

    const record = (id: string) => get().runs.list.find((r) => r.id === id) ?? null;
    /** Replaces a record in the list and saves it. */
    const update = (id: string, change: (r: RunRecord) => RunRecord) => {
      const before = record(id);
      if (!before) return;
      const after = change(before);
      set((s) => ({ runs: { ...s.runs, list: s.runs.list.map((r) => (r.id === id ? after : r)) } }));
      void write(() => storage().put(after));
    };

    /** Deletes the models the retention policy says to, keeping their runs' figures. */
    const applyRetention = () => {
      const drop = modelsToDrop(get().runs.list, currentRunId(get()));
      for (const id of drop) {
        update(id, (r) => ({ ...r, model: null, modelDropped: true }));
        void write(() => storage().deleteModel(id));
      }
    };

    const recorder: RunRecorder = {
      start(settings, datasetFileName) {
        const number = Math.max(0, ...get().runs.list.map((r) => r.number)) + 1;
        const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
        const run: RunRecord = {
          id,
          number,
          startedAt: new Date().toISOString(),
          datasetFileName,
          status: 'training',
          settings,
          labels: [],
          history: [],
          bestEpoch: null,
          stopReason: null,
          validation: null,
          backend: null,
          waited: null,
          model: null,
          modelDropped: false,
        };
        active = { id, clock: new WaitClock(deps.now()) };
        set((s) => ({ runs: { ...s.runs, list: [run, ...s.runs.list], interrupted: null } }));
        void write(() => storage().put(run));
      },
      event(event) {
        if (!active) return;
        active.clock.event(event, deps.now());
        const id = active.id;
        switch (event.type) {
          case 'prepared':
            update(id, (r) => ({ ...r, labels: event.info.labels }));
            return;
          case 'backend':
            // After a fallback the run starts over on the new backend.
            update(id, (r) => ({ ...r, backend: event.report.name, history: [] }));
            return;
          case 'epoch':
            // The wait so far goes too: a run cut short by a reload still says how long it ran.
            update(id, (r) => ({ ...r, history: [...r.history, event.log], waited: active?.clock.read(deps.now()) ?? r.waited }));
            return;
          case 'checkpoint': {
            const bytes = new Uint8Array(event.bundle);
            const fileName = `${record(id)?.datasetFileName.replace(/\.[^.]+$/, '') || 'model'}.sift.zip`;
            // The record points at the model only once the model is stored.
            void write(() => storage().putModel(id, bytes)).then(() =>
              update(id, (r) => (r.status !== 'training' ? r : { ...r, bestEpoch: event.epoch, model: { fileName, byteLength: bytes.byteLength, epoch: event.epoch, createdAt: event.createdAt } })),
            );
            deps.mark?.('sift:checkpoint', { epoch: event.epoch, exportMs: event.exportMs, bytes: bytes.byteLength });
            return;
          }
          default:
            return;
        }
      },
      finish(model, bytes) {
        if (!active) return null;
        const { id, clock } = active;
        active = null;
        const waited = clock.read(deps.now());
        const t = model.training;
        update(id, (r) => ({
          ...r,
          status: 'complete',
          labels: model.labels,
          history: t.history,
          bestEpoch: t.bestEpoch,
          stopReason: t.stopReason,
          validation: model.metrics.validation,
          settings: model.settings,
          waited,
          model: { fileName: model.bundleFileName, byteLength: bytes.byteLength, epoch: t.bestEpoch, createdAt: model.createdAt },
        }));
        void write(() => storage().putModel(id, bytes)).then(applyRetention);
        return waited;
      },
      fail() {
        if (!active) return;
        const { id } = active;
        active = null;
        set((s) => ({ runs: { ...s.runs, list: s.runs.list.filter((r) => r.id !== id) } }));
        void write(() => storage().delete(id));
      },
    };

    const runsInternals: RunsInternals = {
      recorder,
      async restoreRuns() {
        const list = (await storage().list()).sort(newestFirst);
        const cut = list.filter((r) => r.status === 'training').map((r) => ({ ...r, status: 'interrupted' as const, stopReason: r.model ? ('interrupted' as const) : null }));
        const fixed = list.map((r) => cut.find((c) => c.id === r.id) ?? r);
        const latest = cut[0] ?? null;
        set((s) => ({
          runs: {
            ...s.runs,
            list: fixed,
            interrupted: latest && { runId: latest.id, runNumber: latest.number, atEpoch: latest.history.length + 1, keptEpoch: latest.model?.epoch ?? null },
          },
        }));
        for (const r of cut) await write(() => storage().put(r));
        // "The best model so far was kept": it becomes the current model.
        if (latest?.model) await useRun(latest.id, 'restored');
      },
      datasetChanged(fileName) {
        const s = get();
        if (s.training.status === 'training') return;
        const model = readyModel(s.model);
        if (model && model.summary.dataset.fileName === fileName) return;
        set((st) => ({
          model: { status: 'none' },
          training: { status: 'idle' },
          run: emptyRun(),
          tryIt: { ...st.tryIt, result: null, workerMs: null, pending: false, error: null },
        }));
        // Views that other slices keep of the old model (the texts behind its confusion matrix).
        afterModelCleared();
        if (model) void guard(set, () => deps.persistence.saveModel(null));
      },
    };

    async function useRun(id: string, origin: ReadyModel['origin'] = 'trained'): Promise<void> {
      const run = record(id);
      if (!run?.model || get().training.status === 'training') return;
      set((s) => ({ runs: { ...s.runs, opening: id } }));
      try {
        const bytes = await storage().getModel(id);
        if (!bytes) {
          update(id, (r) => ({ ...r, model: null, modelDropped: true }));
          return;
        }
        if (await openBundle(bytes, run.model.fileName, origin)) {
          await guard(set, () => deps.persistence.saveModel({ bytes, fileName: run.model?.fileName ?? 'model.sift.zip' }));
        }
      } finally {
        set((s) => ({ runs: { ...s.runs, opening: null } }));
      }
    }

    return {
      runsInternals,
      useRun: (id) => useRun(id),
      async deleteRun(id) {
        if (active?.id === id) return;
        set((s) => ({
          runs: { ...s.runs, list: s.runs.list.filter((r) => r.id !== id), compare: s.runs.compare.filter((c) => c !== id), interrupted: s.runs.interrupted?.runId === id ? null : s.runs.interrupted },
        }));
        await write(() => storage().delete(id));
      },
      toggleCompare(id) {
        set((s) => {
          const picked = s.runs.compare;
          const compare = picked.includes(id) ? picked.filter((c) => c !== id) : [...picked, id].slice(-2);
          return { runs: { ...s.runs, compare } };
        });
      },
      dismissInterrupted: () => set((s) => ({ runs: { ...s.runs, interrupted: null } })),
    };
  };
