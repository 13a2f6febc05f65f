import { useEffect, useMemo, useState } from 'react';
import type { DecisionCounts, LabelAction, LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssuesFound } from '@/core/session';
import { toAppError, type AppError } from '@/core/errors';
import { useSift } from '@/state/appStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadBytes } from '../common/download';
import { encodingName, formatCount } from '../common/format';
import { describeDecisions } from '../data/decisionWords';
import { Trans, useT } from '../i18n';
import { describeFound } from './LabelProblems';
import { LabelProblemItem } from './LabelProblemItem';

/** Items per page: a list of thousands renders one page at a time, never all at once. */
export const PAGE_SIZE = 20;

const BULK: readonly LabelAction[] = ['relabel', 'drop', 'keep'];

/** The flagged rows, a page at a time, each with its decision; bulk actions for the selected ones; the corrected CSV. */
export function LabelProblemList({ found, decisions, counts }: { found: LabelIssuesFound; decisions: LabelDecision[]; counts: DecisionCounts }) {
  const t = useT();
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // A new result starts on its first page with nothing selected.
  useEffect(() => {
    setPage(0);
    setSelected(new Set());
  }, [found]);

  const byRow = useMemo(() => new Map<number, LabelDecision>(decisions.map((d) => [d.row, d])), [decisions]);
  const issues = found.issues;
  const pages = Math.max(1, Math.ceil(issues.length / PAGE_SIZE));
  const shown = issues.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const decided = issues.filter((i) => byRow.has(i.row)).length;
  const allShownSelected = shown.length > 0 && shown.every((i) => selected.has(i.row));

  const toggle = (row: number, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });
  const selectPage = (on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      for (const i of shown) {
        if (on) next.add(i.row);
        else next.delete(i.row);
      }
      return next;
    });
  const bulk = (action: LabelAction) => {
    useSift.getState().decideLabels([...selected], action);
    setSelected(new Set());
  };

  return (
    <div className="label-review">
      <p className="label-review__summary" role="status">
        {describeFound(t, issues.length, found.rows, found.folds, found.seconds)}
        {issues.length > 0 && (
          <>
            {' '}
            <Trans t={t} i18nKey="labelProblems.decidedLeft" values={{ decided: formatCount(decided), left: formatCount(issues.length - decided) }} components={{ strong: <strong /> }} />
          </>
        )}
      </p>
      {issues.length > 0 && (
        <>
          <div className="label-review__bulk" role="group" aria-label={t('labelProblems.selectedRows')}>
            <label className="label-review__select-page">
              <input type="checkbox" checked={allShownSelected} onChange={(e) => selectPage(e.target.checked)} /> {t('labelProblems.selectPage')}
            </label>
            <span className="muted">{t('labelProblems.selected', { n: formatCount(selected.size) })}</span>
            {BULK.map((action) => (
              <button key={action} type="button" className="button button--secondary" disabled={selected.size === 0} onClick={() => bulk(action)}>
                {t(`labelProblems.bulk.${action}`)}
              </button>
            ))}
          </div>
          <ol className="label-review__list" aria-label={t('labelProblems.list')} start={page * PAGE_SIZE + 1}>
            {shown.map((issue) => (
              <LabelProblemItem
                key={issue.row}
                issue={issue}
                decision={byRow.get(issue.row) ?? null}
                selected={selected.has(issue.row)}
                onSelect={(on) => toggle(issue.row, on)}
              />
            ))}
          </ol>
          {pages > 1 && <Pager page={page} pages={pages} onPage={setPage} />}
        </>
      )}
      <CorrectedDownload changes={counts.relabelled + counts.dropped} summary={describeDecisions(t, counts)} />
    </div>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const t = useT();
  return (
    <nav className="label-review__pager" aria-label={t('labelProblems.pages')}>
      <button type="button" className="button button--secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('labelProblems.previousPage')}
      </button>
      <span aria-live="polite">{t('labelProblems.page', { page: page + 1, pages })}</span>
      <button type="button" className="button button--secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('labelProblems.nextPage')}
      </button>
    </nav>
  );
}

type Written = { status: 'idle' } | { status: 'writing' } | { status: 'written'; note: string } | { status: 'failed'; error: AppError };

/** "Download corrected CSV": the file with the decisions in it, written by the engine in the worker. */
function CorrectedDownload({ changes, summary }: { changes: number; summary: string }) {
  const t = useT();
  const [written, setWritten] = useState<Written>({ status: 'idle' });
  const download = async () => {
    setWritten({ status: 'writing' });
    try {
      const file = await useSift.getState().correctedCsv();
      if (!file) return setWritten({ status: 'idle' });
      downloadBytes(file.bytes, file.fileName, 'text/csv');
      const stale = file.stale.length > 0 ? t('labelProblems.download.stale', { n: formatCount(file.stale.length) }) : '';
      const encoding = file.replacedEncoding
        ? t('labelProblems.download.asUtf8', { encoding: encodingName(file.replacedEncoding) })
        : t('labelProblems.download.asOriginal', { encoding: encodingName(file.encoding) });
      const decided = describeDecisions(t, { relabelled: file.relabelled, dropped: file.dropped, kept: 0 }) || t('labelProblems.download.noChanges');
      setWritten({ status: 'written', note: t('labelProblems.download.written', { fileName: file.fileName, summary: decided, encoding, stale }) });
    } catch (e) {
      setWritten({ status: 'failed', error: toAppError(e) });
    }
  };
  return (
    <div className="label-review__download">
      <button type="button" className="button button--primary" disabled={changes === 0 || written.status === 'writing'} onClick={() => void download()}>
        {t('labelProblems.download.button')}
      </button>
      <span className="muted">{changes === 0 ? t('labelProblems.download.nothing') : t('labelProblems.download.yours', { summary })}</span>
      {written.status === 'written' && (
        <p className="muted" role="status">
          {written.note}
        </p>
      )}
      {written.status === 'failed' && <ErrorMessage title={t('labelProblems.download.failed')} error={written.error} />}
    </div>
  );
}
