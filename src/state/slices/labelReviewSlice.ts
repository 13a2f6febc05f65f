/**
 * "Find label problems" on the page: the search in the worker (progress, Cancel), the person's
 * decisions about what it found (saved with the dataset), and the corrected CSV. Training reads
 * the decisions from here (trainingSlice) and sends them along with the run.
 */
import type { StateCreator } from 'zustand';
import { toAppError } from '@/core/errors';
import type { LabelAction, LabelDecision } from '@/core/quality/labelDecisions';
import type { ProgressEvent } from '@/worker/protocol';
import { datasetKey } from '../datasetKey';
import { sourceBytes } from '../dataSource';
import type { EngineTracker, StoreDeps } from '../deps';
import { FrameBuffer } from '../frameBuffer';
import { emptyLabelReview } from '../initialState';
import type { SavedLabelReview } from '../persistence';
import { currentData } from '../selectors';
import type { LabelReviewActions, LabelReviewState, ParsedData, SiftState } from '../types';
import { engineSync } from './engineSync';
import { guard } from './saving';

export const createLabelReviewSlice =
  (deps: StoreDeps, tracker: EngineTracker): StateCreator<SiftState, [], [], LabelReviewActions> =>
  (set, get, api) => {
    const sync = engineSync(deps, tracker, get);
    const review = () => get().labelReview;
    const setReview = (patch: Partial<LabelReviewState>) => set((s) => ({ labelReview: { ...s.labelReview, ...patch } }));

    const save = (r: LabelReviewState) => {
      if (r.datasetKey === null) return Promise.resolve();
      const saved: SavedLabelReview = { datasetKey: r.datasetKey, found: r.found, decisions: r.decisions };
      return guard(set, () => deps.persistence.saveLabelReview(saved));
    };

    /**
     * A new dataset (file read, re-read with other options, restored, or none after "New"):
     * its own review, empty until what was saved for it (if anything) comes back.
     */
    function onDataset(parsed: ParsedData | null): void {
      const key = parsed ? datasetKey(parsed) : null;
      if (key === review().datasetKey) return;
      if (review().search.status === 'finding') deps.engine.cancelLabelIssues();
      set({ labelReview: emptyLabelReview(key) });
      if (key === null) return;
      deps.persistence.loadLabelReview().then(
        (saved) => {
          const now = review();
          // Only into the review it was loaded for, and never over what the person did meanwhile.
          if (!saved || saved.datasetKey !== key || now.datasetKey !== key || now.found || now.decisions.length > 0) return;
          setReview({ found: saved.found, decisions: saved.decisions });
        },
        () => {
          // Nothing saved can be read: the review starts empty, as for a new file.
        },
      );
    }
    api.subscribe((state, previous) => {
      const current = currentData(state.data);
      if ((current?.source ?? null) !== (currentData(previous.data)?.source ?? null)) onDataset(current);
    });

    return {
      async findLabelProblems() {
        const state = get();
        const current = currentData(state.data);
        if (!current || state.data.status === 'parsing' || state.training.status === 'training') return;
        if (state.labelReview.search.status === 'finding' || Object.keys(state.settings.errors).length > 0) return;
        const key = state.labelReview.datasetKey;
        setReview({ search: { status: 'finding', startedAt: deps.now(), progress: null, cancelling: false } });
        const buffer = new FrameBuffer<ProgressEvent>(deps.scheduleFrame, (events) => {
          const last = events.findLast((e) => e.type === 'labelIssuesProgress');
          const search = review().search;
          if (!last || last.type !== 'labelIssuesProgress' || search.status !== 'finding' || review().datasetKey !== key) return;
          setReview({ search: { ...search, progress: last.progress } });
        });
        try {
          await sync.ensureDataset();
          const found = await deps.engine.findLabelIssues(state.settings.overrides, undefined, (event) => buffer.push(event));
          buffer.flush();
          if (review().datasetKey !== key) return; // another dataset meanwhile: this result is not its
          setReview({ search: { status: 'idle' }, found });
          await save(review());
        } catch (e) {
          buffer.flush();
          if (review().datasetKey !== key) return;
          const error = toAppError(e);
          // Cancelled: the page is as it was before the search, earlier findings included.
          setReview({ search: error.code === 'CANCELLED' ? { status: 'idle' } : { status: 'failed', error } });
        }
      },

      cancelLabelProblems() {
        const search = review().search;
        if (search.status !== 'finding' || search.cancelling) return;
        deps.engine.cancelLabelIssues();
        setReview({ search: { ...search, cancelling: true } });
      },

      decideLabels(rows, action) {
        const { found, decisions } = review();
        if (!found) return;
        const issues = new Map(found.issues.map((i) => [i.row, i]));
        const made = new Map(decisions.map((d) => [d.row, d]));
        for (const row of rows) {
          const issue = issues.get(row);
          if (issue) made.set(row, decisionFor(row, issue.label, issue.suggested, action));
        }
        setReview({ decisions: [...made.values()].sort((a, b) => a.row - b.row) });
        void save(review());
      },

      undoLabelDecisions(rows) {
        const undone = new Set(rows);
        setReview({ decisions: review().decisions.filter((d) => !undone.has(d.row)) });
        void save(review());
      },

      async correctedCsv() {
        const current = currentData(get().data);
        if (!current) return null;
        const { source } = current;
        const file = await deps.engine.writeCorrectedCsv(await sourceBytes(source), source.options, review().decisions);
        return { ...file, bytes: new Uint8Array(file.bytes), fileName: correctedFileName(source.fileName) };
      },
    };
  };

function decisionFor(row: number, given: string, suggested: string, action: LabelAction): LabelDecision {
  switch (action) {
    case 'relabel':
      return { row, given, action, label: suggested };
    case 'drop':
    case 'keep':
      return { row, given, action };
  }
}

/** sms.csv → sms.corrected.csv (the extension kept: a .tsv stays a .tsv). */
export function correctedFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.corrected${fileName.slice(dot)}` : `${fileName}.corrected.csv`;
}
