import { NO_ANNOUNCEMENT } from './announce';
import type { RunsState } from './runs/types';
import type { LabelReviewState, RunState, SiftData } from './types';

export function emptyRun(): RunState {
  return { preparing: null, prepared: null, backend: null, measuring: false, progress: null, firstBatchAt: null, batches: [], epochs: [], fallbacks: [], announcement: NO_ANNOUNCEMENT };
}

/** No runs yet. */
export function emptyRuns(): RunsState {
  return { list: [], compare: [], interrupted: null, opening: null };
}

export function emptyLabelReview(datasetKey: string | null = null): LabelReviewState {
  return { datasetKey, search: { status: 'idle' }, found: null, decisions: [] };
}

/** The empty workspace. reset(), "New" and the tests all start from here. */
export function initialState(): SiftData {
  return {
    data: { status: 'idle' },
    settings: { overrides: {}, errors: {} },
    training: { status: 'idle' },
    run: emptyRun(),
    model: { status: 'none' },
    modelError: null,
    tryIt: { text: '', result: null, workerMs: null, pending: false, error: null },
    textList: { status: 'closed' },
    listedExplanation: null,
    workspace: { status: 'ready', notice: null },
    backendChoice: { status: 'unknown' },
    labelReview: emptyLabelReview(),
    runs: emptyRuns(),
  };
}
