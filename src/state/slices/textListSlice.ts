import type { StateCreator } from 'zustand';
import { toAppError } from '@/core/errors';
import type { TextListQuery } from '@/core/model/evaluatedTexts';
import type { EngineTracker, StoreDeps } from '../deps';
import type { SiftState, TextListActions } from '../types';
import { engineSync } from './engineSync';

/** Texts per page: a long list never puts thousands of items in the page at once. */
export const TEXT_LIST_PAGE = 50;

/**
 * The texts behind the confusion matrix. The engine keeps the validation texts and the model's
 * probabilities; the page asks for one page at a time. Only the latest request is shown: an
 * answer to an older one (a click since, another model) is dropped.
 */
export const createTextListSlice =
  (deps: StoreDeps, tracker: EngineTracker): StateCreator<SiftState, [], [], TextListActions & { forgetTextList(): void }> =>
  (set, get) => {
    const sync = engineSync(deps, tracker, get);
    let latest = 0;

    async function load(query: TextListQuery, offset: number): Promise<void> {
      const request = ++latest;
      const shown = get().textList;
      // Another page of the same list keeps the current one in view until the new one arrives.
      const samePage = shown.status === 'ready' && sameQuery(shown.page.query, query) ? shown.page : null;
      set({ textList: { status: 'loading', query, offset, page: samePage }, listedExplanation: null });
      try {
        await sync.ensureModel();
        const page = await deps.engine.cellTexts(query, offset, TEXT_LIST_PAGE);
        if (request !== latest) return;
        set({ textList: page === null ? { status: 'unavailable', query } : { status: 'ready', page } });
      } catch (e) {
        if (request === latest) set({ textList: { status: 'failed', query, error: toAppError(e) } });
      }
    }

    return {
      openTextList: (query) => load(query, 0),
      async showTextListPage(offset) {
        const list = get().textList;
        if (list.status === 'ready') await load(list.page.query, offset);
        else if (list.status === 'loading') await load(list.query, offset);
      },
      closeTextList() {
        latest++;
        set({ textList: { status: 'closed' }, listedExplanation: null });
      },
      forgetTextList() {
        latest++;
        set({ textList: { status: 'closed' }, listedExplanation: null });
      },
      async toggleListedExplanation(item) {
        if (get().listedExplanation?.row === item.row) {
          set({ listedExplanation: null });
          return;
        }
        set({ listedExplanation: { status: 'loading', row: item.row } });
        try {
          await sync.ensureModel();
          const { explanation } = await deps.engine.explain(item.text);
          if (get().listedExplanation?.row === item.row) set({ listedExplanation: { status: 'ready', row: item.row, explanation } });
        } catch (e) {
          if (get().listedExplanation?.row === item.row) set({ listedExplanation: { status: 'failed', row: item.row, error: toAppError(e) } });
        }
      },
    };
  };

export function sameQuery(a: TextListQuery, b: TextListQuery): boolean {
  return a.kind === 'mistakes' ? b.kind === 'mistakes' : b.kind === 'cell' && a.trueLabel === b.trueLabel && a.predictedLabel === b.predictedLabel;
}
