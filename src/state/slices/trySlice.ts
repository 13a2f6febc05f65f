import type { StateCreator } from 'zustand';
import { toAppError } from '@/core/errors';
import type { EngineTracker, StoreDeps } from '../deps';
import { readyModel } from '../selectors';
import type { SiftState, TryActions } from '../types';
import { engineSync } from './engineSync';

/**
 * The Try box: typing only sets text; a prediction runs after a pause, one at a time, and always
 * for the latest text (requests that would answer an outdated text are never sent).
 */
export const createTrySlice =
  (deps: StoreDeps, tracker: EngineTracker): StateCreator<SiftState, [], [], TryActions & { predictNow(): Promise<void> }> =>
  (set, get) => {
    const sync = engineSync(deps, tracker, get);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight = false;
    let again = false;

    async function predictNow(): Promise<void> {
      if (inFlight) {
        again = true;
        return;
      }
      const text = get().tryIt.text;
      if (text.trim() === '' || !readyModel(get().model)) {
        set((s) => ({ tryIt: { ...s.tryIt, result: null, pending: false, error: null } }));
        return;
      }
      inFlight = true;
      try {
        await sync.ensureModel();
        const { explanation: result, workerMs } = await deps.engine.explain(text);
        deps.mark?.('sift:explained', { workerMs });
        if (get().tryIt.text === text) set((s) => ({ tryIt: { ...s.tryIt, result, workerMs, pending: false, error: null } }));
      } catch (e) {
        const error = toAppError(e);
        // A restart (cancelled parse) drops the request; the next keystroke or model asks again.
        if (error.code !== 'CANCELLED') set((s) => ({ tryIt: { ...s.tryIt, pending: false, error } }));
      } finally {
        inFlight = false;
      }
      if (again || get().tryIt.text !== text) {
        again = false;
        await predictNow();
      }
    }

    return {
      predictNow,
      setTryText(text) {
        set((s) => ({ tryIt: { ...s.tryIt, text, pending: text.trim() !== '' } }));
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          void predictNow();
        }, deps.tryDebounceMs);
      },
    };
  };
