import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { describeFallback, describeStop } from '@/state/announce';
import { readyModel, selectCanTrain, selectDataset, selectSettings } from '@/state/selectors';
import type { SiftState } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatCount, formatSeconds } from '../common/format';
import { BackendFacts } from './BackendFacts';
import { backendReason } from './backendSentences';
import { TrainingCharts } from './TrainingCharts';
import { TrainProgress } from './TrainProgress';

function whyNotTrain(s: SiftState): string | null {
  const data = selectDataset(s);
  if (!data) return 'Load a dataset first.';
  if (s.data.status === 'parsing') return 'Wait until the file has been read.';
  if (!data.summary.report.trainable) return 'The data check found a problem that prevents training (see above).';
  if (Object.keys(s.settings.errors).length > 0) return 'Fix the settings marked in red first.';
  if (s.labelReview.search.status === 'finding') return 'Label problems are being looked for (step 4): Train waits until that has finished or is cancelled.';
  return null;
}

/**
 * Step 3: train in the worker, watch it learn, stop whenever. Progress, charts and the live
 * announcement subscribe to the store on their own, so a progress update re-renders only them.
 */
export function TrainPanel() {
  const s = useSift(
    useShallow((st) => ({
      training: st.training,
      model: readyModel(st.model),
      fallbacks: st.run.fallbacks,
      canTrain: selectCanTrain(st),
      blocked: whyNotTrain(st),
      hasData: selectDataset(st) !== null,
      epochsSetting: selectSettings(st).epochs,
    })),
  );
  const { training, model } = s;
  const history = model?.summary.training;

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
            onClick={() => void useSift.getState().train()}
          >
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

      {training.status !== 'training' && <BackendChoiceLine />}
      {training.status === 'training' && <TrainProgress totalEpochs={training.totalEpochs} startedAt={training.startedAt} />}
      {training.status !== 'training' && <RunFacts />}
      {training.status === 'failed' && <ErrorMessage title="Training failed" error={training.error} />}
      {s.fallbacks.map((fallback, i) => (
        <p key={i} className="notice" role="note">
          {describeFallback(fallback)}
        </p>
      ))}
      {training.status === 'trained' && history && (
        <p className="outcome">
          {describeStop(history.stopReason, history.bestEpoch, history.history.length)} Took {formatSeconds(history.seconds)}. Trained and
          validated on {formatCount(history.trainExamples + history.validationExamples)} examples.
        </p>
      )}
      <TrainingCharts />
      <Announcer />
    </Section>
  );
}

/** With backend 'auto': whether the engine is still measuring which one is fastest, or which it found. */
function BackendChoiceLine() {
  const { choice, auto, hasData } = useSift(
    useShallow((s) => ({ choice: s.backendChoice, auto: selectSettings(s).backend === 'auto', hasData: selectDataset(s) !== null })),
  );
  if (!auto || !hasData) return null;
  switch (choice.status) {
    case 'unknown':
      return null;
    case 'measuring':
      return (
        <p className="muted backend-choice" role="status">
          Measuring which backend is fastest here (webgl, wasm, cpu: a few real batches each)…
        </p>
      );
    case 'measured':
      return (
        <p className="muted backend-choice" role="status">
          Backend: <strong>{choice.report.name}</strong> — {backendReason(choice.report)}; measured on {choice.fileName}. Train starts on it at once.
        </p>
      );
  }
}

/** Each finished epoch (and the end of the run) read out to screen readers. */
function Announcer() {
  const announcement = useSift((s) => s.run.announcement);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </p>
  );
}

/** After a run (or for an opened model): which backend trained it and on how much data. */
function RunFacts() {
  const { backend, model } = useSift(useShallow((s) => ({ backend: s.run.backend, model: readyModel(s.model) })));
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
