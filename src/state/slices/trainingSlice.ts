import type { StateCreator } from 'zustand';
import { toAppError } from '@/core/errors';
import type { ProgressEvent } from '@/worker/protocol';
import type { EngineTracker, StoreDeps } from '../deps';
import { FrameBuffer } from '../frameBuffer';
import { emptyRun } from '../initialState';
import { currentData, selectSettings } from '../selectors';
import type { RunState, SiftState, TrainingActions } from '../types';
import { engineSync } from './engineSync';
import { guard } from './saving';
import { epochAnnouncement, outcomeAnnouncement } from '../announce';
import type { RunRecorder } from './runsSlice';

export const createTrainingSlice =
  (deps: StoreDeps, tracker: EngineTracker, afterModelChange: () => void, recorder?: RunRecorder): StateCreator<SiftState, [], [], TrainingActions> =>
  (set, get) => {
    const sync = engineSync(deps, tracker, get);
    return {
      async train() {
        const state = get();
        const current = currentData(state.data);
        if (!current || state.data.status === 'parsing' || state.training.status === 'training') return;
        // One run at a time in the engine: the search for label problems trains too.
        if (state.labelReview.search.status === 'finding') return;
        // A field the person is still fixing: training on the last valid value would surprise them.
        if (Object.keys(state.settings.errors).length > 0) return;
        // What the worker will compute from the same report and overrides (the one rule).
        const settings = selectSettings(state);
        deps.mark?.('sift:train-start');
        set({ training: { status: 'training', startedAt: deps.now(), totalEpochs: settings.epochs, patience: settings.earlyStoppingPatience, stopping: false }, run: emptyRun() });
        recorder?.start(settings, current.source.fileName);
        let firstPointMarked = false;
        let backendMarked = false;
        const buffer = new FrameBuffer<ProgressEvent>(deps.scheduleFrame, (events) => {
          set((s) => ({ run: applyProgress(s.run, events, deps.now(), settings.epochs) }));
          if (!firstPointMarked && get().run.batches.length + get().run.epochs.length > 0) {
            firstPointMarked = true;
            deps.mark?.('sift:first-point');
          }
        });
        try {
          await sync.ensureDataset();
          const name = current.source.fileName.replace(/\.[^.]+$/, '') || 'model';
          // The person's label decisions (relabel, drop) apply to what this run trains on.
          const decisions = state.labelReview.decisions;
          const result = await deps.engine.train(state.settings.overrides, name, (event) => {
            if (event.type === 'backend' && !backendMarked) {
              backendMarked = true;
              deps.mark?.('sift:backend-chosen');
              // A run that measured (or reused a measurement) tells the next one where it stands.
              const measuredNow = settings.backend === 'auto' && get().backendChoice.status !== 'measured' && event.report.measurements.length > 0;
              if (measuredNow) set({ backendChoice: { status: 'measured', report: event.report, fileName: current.source.fileName, measuredAt: deps.now() } });
            }
            recorder?.event(event);
            // A checkpoint is for the run list only: megabytes the charts have no use for.
            if (event.type !== 'checkpoint') buffer.push(event);
          }, decisions);
          buffer.flush();
          const stored = new Uint8Array(result.stored);
          tracker.model = { stored, generation: deps.engine.generation };
          const t = result.model.training;
          const waited = recorder?.finish(result.model, stored) ?? null;
          set((s) => ({
            training: { status: 'trained', stopReason: t.stopReason, bestEpoch: t.bestEpoch, seconds: t.seconds, waited },
            model: { status: 'ready', summary: result.model, stored, bundle: null, origin: 'trained' },
            modelError: null,
            run: { ...s.run, announcement: outcomeAnnouncement(result.model) },
          }));
          await guard(set, () => deps.persistence.saveModel({ bytes: stored, fileName: result.model.bundleFileName }));
          afterModelChange();
        } catch (e) {
          buffer.flush();
          recorder?.fail();
          const error = toAppError(e);
          set((s) => ({ training: { status: 'failed', error }, run: { ...s.run, announcement: { kind: 'failed', message: error.message } } }));
        }
      },
      stopTraining() {
        const training = get().training;
        if (training.status !== 'training' || training.stopping) return;
        deps.engine.stop();
        set({ training: { ...training, stopping: true } });
      },
    };
  };

/** Folds a frame's worth of progress events into the run. Pure, so tests check it directly. */
export function applyProgress(run: RunState, events: ProgressEvent[], now: number, totalEpochs: number): RunState {
  let next: RunState = { ...run, batches: [...run.batches], epochs: [...run.epochs], fallbacks: [...run.fallbacks] };
  for (const event of events) {
    switch (event.type) {
      case 'preparing':
        next.preparing = event.progress;
        break;
      case 'prepared':
        // Measuring ahead of Train is over once the data is being prepared for the run.
        next.prepared = event.info;
        next.measuring = false;
        break;
      case 'measuring':
        next.measuring = true;
        break;
      case 'backend': {
        // A backend report starts a run; after a fallback (WebGL lost) the curves go on after
        // the epochs the run kept, and start over when it kept none.
        const kept = next.fallbacks.at(-1)?.keptEpochs ?? 0;
        const batches = next.batches.filter((p) => p.x <= kept);
        const epochs = next.epochs.filter((e) => e.epoch <= kept);
        next = { ...next, backend: event.report, measuring: false, progress: null, firstBatchAt: null, batches, epochs };
        break;
      }
      case 'fallback':
        next.fallbacks.push(event.fallback);
        next.announcement = { kind: 'fallback', fallback: event.fallback };
        break;
      case 'batch': {
        const { log, smoothedLoss, smoothedAccuracy } = event.progress;
        next.progress = event.progress;
        next.firstBatchAt ??= now;
        next.batches.push({ x: log.epoch - 1 + log.batch / log.batchesPerEpoch, loss: smoothedLoss, accuracy: smoothedAccuracy });
        break;
      }
      case 'epoch':
        next.epochs.push(event.log);
        next.announcement = epochAnnouncement(event.log, totalEpochs);
        break;
    }
  }
  return next;
}
