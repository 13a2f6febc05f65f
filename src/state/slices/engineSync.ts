import type { EngineTracker, StoreDeps } from '../deps';
import { currentData, readyModel } from '../selectors';
import { sourceBytes } from '../dataSource';
import type { SiftState } from '../types';

/**
 * Makes sure the worker holds the current dataset / model before a request that needs it. After a
 * restart (cancelled parse, crash) it has neither; the page still has the file and sends it again.
 */
export function engineSync(deps: StoreDeps, tracker: EngineTracker, get: () => SiftState) {
  return {
    async ensureDataset(): Promise<void> {
      const current = currentData(get().data);
      if (!current) throw { code: 'NO_EXAMPLES', message: 'Load a dataset before training.' };
      const held = tracker.dataset;
      if (held && held.source === current.source && held.generation === deps.engine.generation) return;
      await deps.engine.parse(await sourceBytes(current.source), current.source.options, current.source.fileName);
      tracker.dataset = { source: current.source, generation: deps.engine.generation };
    },
    async ensureModel(): Promise<void> {
      const model = readyModel(get().model);
      if (!model) throw { code: 'NOT_TRAINED', message: 'Train a model or open one before trying it.' };
      const held = tracker.model;
      if (held && held.stored === model.stored && held.generation === deps.engine.generation) return;
      await deps.engine.importModel(model.stored);
      tracker.model = { stored: model.stored, generation: deps.engine.generation };
    },
  };
}
