import { useShallow } from 'zustand/react/shallow';
import type { DecisionCounts, LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssuesFound } from '@/core/session';
import { useSift } from '@/state/appStore';
import { selectDecisionCounts, whyNotFindLabelProblems, type LabelSearchBlock } from '@/state/labelReviewSelectors';
import type { LabelSearchState } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatCount, formatPercent, formatSeconds } from '../common/format';
import { useT, type T } from '../i18n';
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
  blocked: LabelSearchBlock | null;
  hasData: boolean;
}

/** What the step shows for a given state (rendered by tests without a store). */
export function LabelProblemsView(s: LabelProblemsViewProps) {
  const t = useT();
  if (!s.hasData) {
    return (
      <section className="label-problems" aria-labelledby="label-problems-heading">
        <h3 id="label-problems-heading" className="subheading">
          {t('labelProblems.heading')}
        </h3>
        <p className="muted">{t('labelProblems.needData')}</p>
      </section>
    );
  }
  return (
    <section className="label-problems" aria-labelledby="label-problems-heading">
      <h3 id="label-problems-heading" className="subheading">
        {t('labelProblems.heading')}
      </h3>
      <p className="muted explain">{t('labelProblems.explain')}</p>
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
            {s.found ? t('labelProblems.findAgain') : t('labelProblems.find')}
          </button>
          {s.blocked && (
            <span id="label-problems-blocked" className="muted">
              {t(`labelProblems.blocked.${s.blocked}`)}
            </span>
          )}
        </div>
      )}
      {s.search.status === 'failed' && <ErrorMessage title={t('labelProblems.failed')} error={s.search.error} />}
      {s.found && <LabelProblemList found={s.found} decisions={s.decisions} counts={s.counts} />}
    </section>
  );
}

/** The determinate bar, which fold is training, the time left, and Cancel. */
function SearchProgress({ search }: { search: Extract<LabelSearchState, { status: 'finding' }> }) {
  const t = useT();
  const now = useNow(1000);
  const p = search.progress;
  const elapsed = (now - search.startedAt) / 1000;
  const line = p
    ? `${t('labelProblems.fold', { fold: p.fold, folds: p.folds, percent: formatPercent(p.fraction, 0) })}${p.etaSeconds !== null && p.fraction > 0.02 ? t('labelProblems.foldLeft', { time: formatSeconds(p.etaSeconds) }) : ''}`
    : t('labelProblems.preparing', { time: formatSeconds(elapsed) });
  return (
    <div className="label-search">
      <progress className="progress" max={1} value={p?.fraction ?? 0} aria-label={t('labelProblems.progressLabel')} aria-valuetext={line} />
      <p className="label-search__line" role="status">
        {line}
      </p>
      <button type="button" className="button button--secondary" disabled={search.cancelling} onClick={() => useSift.getState().cancelLabelProblems()}>
        {search.cancelling ? t('labelProblems.cancelling') : t('common.cancel')}
      </button>
      <p className="muted label-search__note">{t('labelProblems.waitsNote')}</p>
    </div>
  );
}

/** "42 of 5,574 rows may be mislabelled (5 folds, 14 s)." */
export function describeFound(t: T, issues: number, rows: number, folds: number, seconds: number): string {
  const facts = { rows: formatCount(rows), folds, time: formatSeconds(seconds) };
  if (issues === 0) return t('labelProblems.foundNone', facts);
  return t('labelProblems.found', { ...facts, issues: formatCount(issues) });
}
