import { useShallow } from 'zustand/react/shallow';
import { formatPercent } from '@/core/format';
import type { DecisionCounts, LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssuesFound } from '@/core/session';
import { useSift } from '@/state/appStore';
import { selectDecisionCounts, whyNotFindLabelProblems } from '@/state/labelReviewSelectors';
import type { LabelSearchState } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatCount, formatSeconds } from '../common/format';
import { useNow } from '../common/useNow';
import { LabelProblemList } from './LabelProblemList';
import './labelProblems.css';

/**
 * "Find label problems": k models, each trained on all rows but a fifth, judge the rows they never
 * saw; confident learning lists the rows whose label they confidently disagree with. The person
 * decides about each; Train and "Download corrected CSV" use the decisions.
 */
export function LabelProblems() {
  const view = useSift(
    useShallow((st) => ({
      search: st.labelReview.search,
      found: st.labelReview.found,
      decisions: st.labelReview.decisions,
      counts: selectDecisionCounts(st),
      blocked: whyNotFindLabelProblems(st),
      hasData: st.data.status !== 'idle',
    })),
  );
  return <LabelProblemsView {...view} />;
}

export interface LabelProblemsViewProps {
  search: LabelSearchState;
  found: LabelIssuesFound | null;
  decisions: LabelDecision[];
  counts: DecisionCounts;
  /** Why the search cannot start now, or null. */
  blocked: string | null;
  hasData: boolean;
}

/** What the step shows for a given state (rendered by tests without a store). */
export function LabelProblemsView(s: LabelProblemsViewProps) {
  if (!s.hasData) {
    return (
      <section className="label-problems" aria-labelledby="label-problems-heading">
        <h3 id="label-problems-heading" className="subheading">
          Label problems
        </h3>
        <p className="muted">Load the dataset this model was trained on to look for rows whose label is probably wrong.</p>
      </section>
    );
  }
  return (
    <section className="label-problems" aria-labelledby="label-problems-heading">
      <h3 id="label-problems-heading" className="subheading">
        Label problems
      </h3>
      <p className="muted explain">
        Sift trains 5 models with the settings Train uses now, each on all rows but a fifth, and asks each about the rows it never saw. Rows whose given label
        they confidently disagree with are listed, most suspicious first (confident learning). It takes about as long as 5 training runs, and it looks at the
        file as read: your decisions are kept beside it.
      </p>
      {s.search.status === 'finding' ? (
        <SearchProgress search={s.search} />
      ) : (
        <div className="label-problems__start">
          <button
            type="button"
            className="button button--secondary"
            disabled={s.blocked !== null}
            aria-describedby={s.blocked ? 'label-problems-blocked' : undefined}
            onClick={() => void useSift.getState().findLabelProblems()}
          >
            {s.found ? 'Find label problems again' : 'Find label problems'}
          </button>
          {s.blocked && (
            <span id="label-problems-blocked" className="muted">
              {s.blocked}
            </span>
          )}
        </div>
      )}
      {s.search.status === 'failed' && <ErrorMessage title="Finding label problems failed" error={s.search.error} />}
      {s.found && <LabelProblemList found={s.found} decisions={s.decisions} counts={s.counts} />}
    </section>
  );
}

/** The determinate bar, which fold is training, the time left, and Cancel. */
function SearchProgress({ search }: { search: Extract<LabelSearchState, { status: 'finding' }> }) {
  const now = useNow(1000);
  const p = search.progress;
  const elapsed = (now - search.startedAt) / 1000;
  const line = p
    ? `Fold ${p.fold} of ${p.folds} · ${formatPercent(p.fraction, 0)}${p.etaSeconds !== null && p.fraction > 0.02 ? ` · about ${formatSeconds(p.etaSeconds)} left` : ''}`
    : `Preparing the first fold… ${formatSeconds(elapsed)}`;
  return (
    <div className="label-search">
      <progress className="progress" max={1} value={p?.fraction ?? 0} aria-label="Finding label problems" aria-valuetext={line} />
      <p className="label-search__line" role="status">
        {line}
      </p>
      <button type="button" className="button button--secondary" disabled={search.cancelling} onClick={() => useSift.getState().cancelLabelProblems()}>
        {search.cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
      <p className="muted label-search__note">Training waits until this has finished or is cancelled: both use the same engine.</p>
    </div>
  );
}

/** "42 of 5,574 rows may be mislabelled (5 folds, 14 s)." */
export function describeFound(issues: number, rows: number, folds: number, seconds: number): string {
  if (issues === 0) return `No likely label problems among ${formatCount(rows)} rows (${folds} folds, ${formatSeconds(seconds)}).`;
  return `${formatCount(issues)} of ${formatCount(rows)} rows may be mislabelled (${folds} folds, ${formatSeconds(seconds)}).`;
}
