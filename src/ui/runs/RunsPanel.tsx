import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatPercent } from '@/core/format';
import { useSift } from '@/state/appStore';
import { keptModelBytes, RETENTION } from '@/state/runs/retention';
import type { RunRecord } from '@/state/runs/types';
import { selectDataset, selectIsTraining } from '@/state/selectors';
import { currentRunId } from '@/state/slices/runsSlice';
import { formatBytes, formatDateTime } from '../common/format';
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
        Runs
      </h3>
      <p className="muted">Every run is kept in this browser. Use one to make it the current model (Try and Export use it); tick two to compare them.</p>
      <div className="table-scroll">
        <table className="table runs-table">
          <caption className="visually-hidden">Runs in this workspace, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Started</th>
              <th scope="col">Data file</th>
              <th scope="col" className="num">
                Accuracy
              </th>
              <th scope="col" className="num">
                Macro-F1
              </th>
              <th scope="col" className="num">
                Time
              </th>
              <th scope="col">Model</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
        s.list.length > 1 && <p className="muted">Tick “Compare” on two runs to see them side by side.</p>
      )}
    </section>
  );
}

/** Validation accuracy: the final model's, or for an interrupted run the kept epoch's. */
function accuracyOf(run: RunRecord): string {
  if (run.validation) return formatPercent(run.validation.accuracy);
  const kept = run.history.find((e) => e.epoch === run.bestEpoch)?.valAccuracy;
  return kept === undefined || kept === null ? '—' : `${formatPercent(kept)} (epoch ${run.bestEpoch})`;
}

function modelWords(run: RunRecord): string {
  if (run.status === 'training') return 'training…';
  if (run.model) return run.status === 'interrupted' ? `epoch ${run.model.epoch} kept` : 'kept';
  if (run.modelDropped) return 'deleted to save space';
  return 'none (interrupted before an epoch ended)';
}

interface RowProps {
  run: RunRecord;
  current: boolean;
  otherFile: boolean;
  compared: boolean;
  busy: boolean;
}

function RunRow({ run, current, otherFile, compared, busy }: RowProps) {
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);
  const name = `Run ${run.number}`;
  const actions = useSift.getState();
  return (
    <tr className={current ? 'is-current' : undefined} aria-current={current ? 'true' : undefined}>
      <th scope="row">
        {name}
        {current && <span className="badge badge--current">current</span>}
        {run.status === 'interrupted' && <span className="badge badge--warning">interrupted</span>}
      </th>
      <td>{formatDateTime(run.startedAt)}</td>
      <td>
        {run.datasetFileName}
        {otherFile && <span className="muted"> (not the file loaded now)</span>}
      </td>
      <td className="num">{accuracyOf(run)}</td>
      <td className="num">{run.validation ? run.validation.macroF1.toFixed(3) : '—'}</td>
      <td className="num">{run.waited ? <WaitedTime waited={run.waited} /> : '—'}</td>
      <td>{modelWords(run)}</td>
      <td className="runs-table__actions">
        <label className="checkbox">
          <input type="checkbox" checked={compared} onChange={() => actions.toggleCompare(run.id)} aria-label={`Compare ${name}`} />
          <span aria-hidden="true">Compare</span>
        </label>
        {/* aria-disabled, not disabled: the button keeps focus after it is pressed. */}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={current ? `${name} is the current model` : `Use ${name}`}
          aria-disabled={current || !run.model || busy}
          onClick={() => {
            if (!current && run.model && !busy) void actions.useRun(run.id);
          }}
        >
          {current ? 'Current' : 'Use'}
        </button>
        {confirming ? (
          <span className="runs-table__confirm" role="group" aria-label={`Delete ${name}?`}>
            <button type="button" className="button button--danger button--small" onClick={() => void actions.deleteRun(run.id)}>
              Delete {name}
            </button>
            <button type="button" className="button button--quiet button--small" ref={keep} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label={`Delete ${name}`}
            disabled={run.status === 'training'}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

/** How much storage the runs' models take, the rule that bounds it, and the browser's own figure. */
function StorageUsed({ list }: { list: RunRecord[] }) {
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
      Models of runs take {formatBytes(bytes)} of this browser’s storage
      {estimate && ` (Sift uses ${formatBytes(estimate.usage)} in all, of ${formatBytes(estimate.quota)} the browser allows)`}. The models of the {RETENTION.keepModels}{' '}
      latest runs are kept, up to {formatBytes(RETENTION.maxModelBytes)}; older runs keep their figures, and “New” forgets them all.
    </p>
  );
}
