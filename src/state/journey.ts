/**
 * Where the person is in the journey (Data → Settings → Train → Evaluate → Try), for the step bar:
 * each step done or not, the current one, and what to do next.
 */
import { currentData, readyModel } from './selectors';
import type { SiftState } from './types';

export type StepId = 'data' | 'settings' | 'train' | 'evaluate' | 'try';

export interface JourneyStep {
  id: StepId;
  done: boolean;
}

export interface Journey {
  steps: JourneyStep[];
  /** The step to do now (aria-current="step"). */
  current: StepId;
  /** What the next action is, in a few words. */
  next: 'load-data' | 'fix-data' | 'train' | 'wait-training' | 'evaluate' | 'try' | 'export';
}

export const STEP_ORDER: readonly StepId[] = ['data', 'settings', 'train', 'evaluate', 'try'];

export function journey(s: Pick<SiftState, 'data' | 'model' | 'training' | 'tryIt'>): Journey {
  const data = currentData(s.data);
  const model = readyModel(s.model);
  const training = s.training.status === 'training';
  const tried = model !== null && s.tryIt.result !== null && s.tryIt.text.trim() !== '';
  const done: Record<StepId, boolean> = {
    data: data !== null && data.summary.report.trainable,
    // Settings have good defaults: they are done once a run has started with them.
    settings: training || model !== null,
    train: model !== null && !training,
    evaluate: tried,
    try: tried,
  };
  let current: StepId;
  let next: Journey['next'];
  if (training) [current, next] = ['train', 'wait-training'];
  else if (model) [current, next] = tried ? ['try', 'export'] : ['evaluate', 'evaluate'];
  else if (!data) [current, next] = ['data', 'load-data'];
  else if (!data.summary.report.trainable) [current, next] = ['data', 'fix-data'];
  else [current, next] = ['settings', 'train'];
  // Evaluate and Try are reached together once there is a model; "try" is where the person is
  // once they typed a text, and evaluating is not "done" before they looked further.
  return { steps: STEP_ORDER.map((id) => ({ id, done: done[id] && id !== current })), current, next };
}
