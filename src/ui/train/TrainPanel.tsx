import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { chartEpochs, readyModel, selectCanTrain, selectDataset } from '@/state/selectors';
import type { SiftState } from '@/state/types';
import { describeStop } from '@/state/announce';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatCount, formatSeconds } from '../common/format';
import { chartMarkers } from './chartData';
import { BackendFacts } from './BackendFacts';
import { MetricChart } from './MetricChart';
import { TrainProgress } from './TrainProgress';

function whyNotTrain(s: SiftState): string | null {
  const data = selectDataset(s);
  if (!data) return 'Load a dataset first.';
  if (s.data.status === 'parsing') return 'Wait until the file has been read.';
  if (!data.summary.report.trainable) return 'The data check found a problem that prevents training (see above).';
  if (Object.keys(s.settings.errors).length > 0) return 'Fix the settings marked in red first.';
  return null;
}

/** Step 3: train in the worker, watch it learn, stop whenever. */
export function TrainPanel() {
  const s = useSift(
    useShallow((st) => ({
      training: st.training,
      run: st.run,
      model: st.model,
      canTrain: selectCanTrain(st),
      blocked: whyNotTrain(st),
      hasData: selectDataset(st) !== null,
      epochsSetting: st.settings.values.epochs,
    })),
  );
  const { training, run } = s;
  const model = readyModel(s.model);
  const live = run.epochs.length > 0 || run.batches.length > 0;
  const epochs = chartEpochs(run, s.model);
  const showCharts = live || training.status === 'training' || epochs.length > 0;
  const history = model?.summary.training;

  // The markers come from the finished run, or from the loaded model's own history.
  const stop =
    training.status === 'trained'
      ? { reason: training.stopReason, best: training.bestEpoch }
      : !live && history
        ? { reason: history.stopReason, best: history.bestEpoch }
        : null;
  const markers = chartMarkers(stop?.reason ?? null, stop?.best ?? null, epochs.length);
  const xMax = training.status === 'training' ? training.totalEpochs : Math.max(1, epochs.length);

  return (
    <Section
      id="train"
      step={3}
      title="Train"
      intro="Training runs in the background; the page stays responsive. Stop at any time: the best model so far is kept."
      waitingFor={!s.hasData && !model ? 'Load a dataset to train a model.' : null}
    >
      <div className="train-controls">
        {training.status === 'training' ? (
          <button type="button" className="button button--danger" onClick={() => useSift.getState().stopTraining()} disabled={training.stopping}>
            {training.stopping ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary button--large"
            disabled={!s.canTrain}
            aria-describedby={s.blocked ? 'train-blocked' : undefined}
            onClick={() => void useSift.getState().train()}>
            {model && model.origin === 'trained' ? 'Train again' : 'Train'}
          </button>
        )}
        {training.status !== 'training' && s.blocked && (
          <span id="train-blocked" className="muted">
            {s.blocked}
          </span>
        )}
        {training.status !== 'training' && s.canTrain && <span className="muted">{formatCount(s.epochsSetting)} epochs at most.</span>}
      </div>

      {training.status === 'training' && <TrainProgress run={run} totalEpochs={training.totalEpochs} startedAt={training.startedAt} />}
      {training.status !== 'training' && <RunFacts />}
      {training.status === 'failed' && <ErrorMessage title="Training failed" error={training.error} />}
      {run.notices.map((n, i) => (
        <p key={i} className="notice" role="note">
          {n}
        </p>
      ))}
      {training.status === 'trained' && history && (
        <p className="outcome">
          {describeStop(history.stopReason, history.bestEpoch, history.history.length)} Took {formatSeconds(history.seconds)}.
        </p>
      )}

      {showCharts && (
        <div className="charts">
          <MetricChart metric="loss" batches={run.batches} epochs={epochs} markers={markers} xMax={xMax} />
          <MetricChart metric="accuracy" batches={run.batches} epochs={epochs} markers={markers} xMax={xMax} />
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {run.announcement}
      </p>
    </Section>
  );
}

/** After a run (or for an opened model): which backend trained it and on how much data. */
function RunFacts() {
  const { run, model } = useSift(useShallow((s) => ({ run: s.run, model: readyModel(s.model) })));
  const backend = run.backend;
  if (backend) {
    return (
      <div className="run-facts">
        <BackendFacts report={backend} />
      </div>
    );
  }
  if (model) {
    const t = model.summary.training;
    return (
      <p className="run-facts muted">
        Model “{model.summary.name}” was trained on {formatCount(t.trainExamples)} examples on <strong>{t.backend}</strong> in {formatSeconds(t.seconds)}.
      </p>
    );
  }
  return null;
}
