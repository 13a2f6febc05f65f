import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { keptModelBytes, RETENTION } from '@/state/runs/retention';
import type { RunRecord } from '@/state/runs/types';
import { selectDataset, selectIsTraining } from '@/state/selectors';
import { currentRunId } from '@/state/slices/runsSlice';
import { formatBytes, formatDateTime, formatDecimal, formatPercent } from '../common/format';
import { useT, type T } from '../i18n';
import { focusIsLost } from '../common/useFocusWhenLost';
import { WaitedTime } from '../train/WaitedTime';
import { RunComparison } from './RunComparison';

/**
 * Every run of the workspace: what it trained on and how well, which one is the current model,
 * two to compare side by side, and how much of the browser's storage they take.
 */
export function RunsPanel() {
  const s = useSift(
    useShallow((st) => ({
      list: st.runs.list,
      compare: st.runs.compare,
      opening: st.runs.opening,
      current: currentRunId(st),
      training: selectIsTraining(st),
      fileName: selectDataset(st)?.summary.fileName ?? null,
    })),
  );
  return <RunsView {...s} />;
}

export interface RunsViewProps {
  list: RunRecord[];
  compare: string[];
  opening: string | null;
  /** The current model's run. */
  current: string | null;
  training: boolean;
  /** The data file loaded now. */
  fileName: string | null;
}

export function RunsView(s: RunsViewProps) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const count = useRef(s.list.length);
  // A deleted row takes its buttons with it: focus goes to the list's heading, not the page's top.
  useEffect(() => {
    if (s.list.length < count.current && focusIsLost()) heading.current?.focus();
    count.current = s.list.length;
  }, [s.list.length]);
  if (s.list.length === 0) return null;
  const compared = s.compare.map((id) => s.list.find((r) => r.id === id)).filter((r): r is RunRecord => r !== undefined);
  return (
    <section className="runs" aria-labelledby="runs-heading">
      <h3 id="runs-heading" className="subheading" tabIndex={-1} ref={heading}>
        {t('runs.heading')}
      </h3>
      <p className="muted">{t('runs.intro')}</p>
      <div className="table-scroll">
        <table className="table runs-table">
          <caption className="visually-hidden">{t('runs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('runs.columns.run')}</th>
              <th scope="col">{t('runs.columns.started')}</th>
              <th scope="col">{t('runs.columns.file')}</th>
              <th scope="col" className="num">
                {t('runs.columns.accuracy')}
              </th>
              <th scope="col" className="num">
                {t('runs.columns.macroF1')}
              </th>
              <th scope="col" className="num">
                {t('runs.columns.time')}
              </th>
              <th scope="col">{t('runs.columns.model')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('runs.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.list.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                current={run.id === s.current}
                otherFile={s.fileName !== null && run.datasetFileName !== s.fileName}
                compared={s.compare.includes(run.id)}
                busy={s.training || s.opening !== null}
              />
            ))}
          </tbody>
        </table>
      </div>
      <StorageUsed list={s.list} />
      {compared.length === 2 ? (
        <RunComparison a={compared[0]} b={compared[1]} />
      ) : (
        s.list.length > 1 && <p className="muted">{t('runs.tickTwo')}</p>
      )}
    </section>
  );
}

/** Validation accuracy: the final model's, or for an interrupted run the kept epoch's. */
function accuracyOf(t: T, run: RunRecord): string {
  if (run.validation) return formatPercent(run.validation.accuracy);
  const kept = run.history.find((e) => e.epoch === run.bestEpoch)?.valAccuracy;
  return kept === undefined || kept === null ? '—' : t('runs.accuracyAt', { accuracy: formatPercent(kept), epoch: String(run.bestEpoch) });
}

function modelWords(t: T, run: RunRecord): string {
  if (run.status === 'training') return t('runs.model.training');
  if (run.model) return run.status === 'interrupted' ? t('runs.model.keptEpoch', { epoch: run.model.epoch }) : t('runs.model.kept');
  if (run.modelDropped) return t('runs.model.dropped');
  return t('runs.model.none');
}

interface RowProps {
  run: RunRecord;
  current: boolean;
  otherFile: boolean;
  compared: boolean;
  busy: boolean;
}

function RunRow({ run, current, otherFile, compared, busy }: RowProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);
  const name = t('runs.name', { number: run.number });
  const actions = useSift.getState();
  return (
    <tr className={current ? 'is-current' : undefined} aria-current={current ? 'true' : undefined}>
      <th scope="row">
        {name}
        {current && <span className="badge badge--current">{t('runs.current')}</span>}
        {run.status === 'interrupted' && <span className="badge badge--warning">{t('runs.interrupted')}</span>}
      </th>
      <td>{formatDateTime(run.startedAt)}</td>
      <td>
        {run.datasetFileName}
        {otherFile && <span className="muted"> {t('runs.otherFile')}</span>}
      </td>
      <td className="num">{accuracyOf(t, run)}</td>
      <td className="num">{run.validation ? formatDecimal(run.validation.macroF1) : '—'}</td>
      <td className="num">{run.waited ? <WaitedTime waited={run.waited} /> : '—'}</td>
      <td>{modelWords(t, run)}</td>
      <td className="runs-table__actions">
        <label className="checkbox">
          <input type="checkbox" checked={compared} onChange={() => actions.toggleCompare(run.id)} aria-label={t('runs.compareRun', { name })} />
          <span aria-hidden="true">{t('runs.compare')}</span>
        </label>
        {/* aria-disabled, not disabled: the button keeps focus after it is pressed. */}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={current ? t('runs.isCurrentRun', { name }) : t('runs.useRun', { name })}
          aria-disabled={current || !run.model || busy}
          onClick={() => {
            if (!current && run.model && !busy) void actions.useRun(run.id);
          }}
        >
          {current ? t('runs.isCurrent') : t('runs.use')}
        </button>
        {confirming ? (
          <span className="runs-table__confirm" role="group" aria-label={t('runs.deleteAsk', { name })}>
            <button type="button" className="button button--danger button--small" onClick={() => void actions.deleteRun(run.id)}>
              {t('runs.deleteRun', { name })}
            </button>
            <button type="button" className="button button--quiet button--small" ref={keep} onClick={() => setConfirming(false)}>
              {t('runs.keep')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label={t('runs.deleteRun', { name })}
            disabled={run.status === 'training'}
            onClick={() => setConfirming(true)}
          >
            {t('runs.delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** How much storage the runs' models take, the rule that bounds it, and the browser's own figure. */
function StorageUsed({ list }: { list: RunRecord[] }) {
  const t = useT();
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const bytes = keptModelBytes(list);
  useEffect(() => {
    let live = true;
    navigator.storage
      ?.estimate?.()
      .then((e) => {
        if (live && e.usage !== undefined && e.quota !== undefined) setEstimate({ usage: e.usage, quota: e.quota });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [bytes, list.length]);
  return (
    <p className="muted runs__storage">
      {t('runs.storage', {
        bytes: formatBytes(bytes),
        estimate: estimate ? t('runs.storageEstimate', { usage: formatBytes(estimate.usage), quota: formatBytes(estimate.quota) }) : '',
        keep: RETENTION.keepModels,
        max: formatBytes(RETENTION.maxModelBytes),
      })}
    </p>
  );
}
