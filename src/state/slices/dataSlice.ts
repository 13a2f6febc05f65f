import type { StateCreator } from 'zustand';
import type { ReadOptions } from '@/core/dataset/types';
import { toAppError } from '@/core/errors';
import type { ProgressEvent } from '@/worker/protocol';
import { FrameBuffer } from '../frameBuffer';
import type { EngineTracker, StoreDeps } from '../deps';
import { currentData, selectSettings } from '../selectors';
import { SAMPLES, type DataActions, type DataSource, type SiftState } from '../types';
import { openSource, sourceBytes } from '../dataSource';
import { keepDataset } from './datasetSaving';
import { guard } from './saving';

export const createDataSlice =
  (
    deps: StoreDeps,
    tracker: EngineTracker,
    datasetChanged: (fileName: string) => void = () => undefined,
  ): StateCreator<SiftState, [], [], DataActions & { parseSource(source: DataSource, save: boolean, bytes?: Uint8Array): Promise<void> }> =>
  (set, get) => {
    // Only the newest parse may write its result: a slow earlier one must not overwrite it.
    let parseSeq = 0;

    /** Reads `source` (its `bytes` when the caller has just read them; they are handed to the worker). */
    async function parseSource(source: DataSource, save: boolean, bytes?: Uint8Array): Promise<void> {
      const seq = ++parseSeq;
      const current = currentData(get().data);
      set({ data: { status: 'parsing', job: { fileName: source.fileName, byteLength: source.file.size, startedAt: deps.now(), progress: null }, current } });
      // Reports reach the store at most once per animation frame, and only this parse's.
      const buffer = new FrameBuffer<ProgressEvent>(deps.scheduleFrame, (events) => {
        const last = events.at(-1);
        const data = get().data;
        if (seq !== parseSeq || data.status !== 'parsing' || last?.type !== 'parseProgress') return;
        set({ data: { ...data, job: { ...data.job, progress: last.progress } } });
      });
      try {
        const summary = await deps.engine.parse(bytes ?? (await sourceBytes(source)), source.options, source.fileName, (event) => buffer.push(event));
        if (seq !== parseSeq) return;
        tracker.dataset = { source, generation: deps.engine.generation };
        set({ data: { status: 'parsed', current: { source, summary } } });
        // A file the person chose (not one restored): the model of another file stops showing.
        if (save) datasetChanged(source.fileName);
        if (save) {
          await guard(set, async () => {
            const notice = await keepDataset(deps.persistence, source);
            if (notice !== null) set((s) => ({ workspace: { ...s.workspace, notice } }));
          });
        }
        deps.mark?.('sift:parsed');
        measureAhead();
      } catch (e) {
        if (seq !== parseSeq) return;
        const error = toAppError(e);
        if (error.code === 'CANCELLED') {
          set({ data: current ? { status: 'parsed', current } : { status: 'idle' } });
        } else {
          set({ data: { status: 'failed', fileName: source.fileName, error, current } });
        }
      }
    }

    /** In idle time after a parse: the engine measures the backends so Train starts at once. */
    function measureAhead(): void {
      const state = get();
      if (!deps.measureBackendsEarly || state.model.status !== 'none' || state.training.status === 'training') return;
      if (selectSettings(state).backend !== 'auto' || Object.keys(state.settings.errors).length > 0) return;
      if (state.backendChoice.status === 'unknown') set({ backendChoice: { status: 'measuring' } });
      deps.engine.measureBackends(state.settings.overrides).then(
        (known) => {
          if (get().backendChoice.status === 'measured' && !known) return;
          set({
            backendChoice: known
              ? { status: 'measured', report: known.report, fileName: known.fileName, measuredAt: deps.now() - known.msAgo }
              : { status: 'unknown' },
          });
        },
        () => set({ backendChoice: { status: 'unknown' } }),
      );
    }

    return {
      parseSource,
      async loadFile(file, fileName) {
        const { source, bytes } = await openSource(file, fileName);
        await parseSource(source, true, bytes);
      },
      async loadSample(sample) {
        const { fileName } = SAMPLES[sample];
        let bytes: Uint8Array;
        try {
          bytes = await deps.fetchSample(fileName);
        } catch (e) {
          const error = { code: 'FETCH_FAILED' as const, message: `The sample ${fileName} could not be loaded: ${toAppError(e).message}` };
          set({ data: { status: 'failed', fileName, error, current: currentData(get().data) } });
          return;
        }
        const opened = await openSource(bytes, fileName);
        await parseSource(opened.source, true, opened.bytes);
      },
      async setReadOptions(patch) {
        const current = currentData(get().data);
        if (!current) return;
        const options = mergeOptions(current.source.options, patch);
        await parseSource({ ...current.source, options }, true);
      },
      cancelParse() {
        if (get().data.status === 'parsing') deps.engine.cancelParse();
      },
      dismissDataError() {
        const data = get().data;
        if (data.status !== 'failed') return;
        set({ data: data.current ? { status: 'parsed', current: data.current } : { status: 'idle' } });
      },
    };
  };

/** Merges reading options; a key set to undefined goes back to automatic detection. */
export function mergeOptions(base: ReadOptions, patch: ReadOptions): ReadOptions {
  const merged: Record<string, unknown> = { ...base, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as ReadOptions;
}
