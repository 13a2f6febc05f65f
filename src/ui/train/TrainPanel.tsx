import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectCanTrain, selectDataset, selectSettings } from '@/state/selectors';
import type { SiftState } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatSeconds } from '../common/format';
import { Trans, useT } from '../i18n';
import { announcementText, describeFallback, describeStop } from './announcement';
import { useFocusWhenLost } from '../common/useFocusWhenLost';
import { useWarnBeforeUnload } from '../common/useWarnBeforeUnload';
import { InterruptedNotice } from '../runs/InterruptedNotice';
import { RunsPanel } from '../runs/RunsPanel';
import { BackendFacts } from './BackendFacts';
import { backendPlainName, measuredAheadSentence } from './backendSentences';
import { TrainingCharts } from './TrainingCharts';
import { TrainProgress } from './TrainProgress';
import { WaitedTime } from './WaitedTime';

type TrainBlock = 'no-data' | 'parsing' | 'untrainable' | 'settings' | 'finding';

function whyNotTrain(s: SiftState): TrainBlock | null {
  const data = selectDataset(s);
  if (!data) return 'no-data';
  if (s.data.status === 'parsing') return 'parsing';
  if (!data.summary.report.trainable) return 'untrainable';
  if (Object.keys(s.settings.errors).length > 0) return 'settings';
  if (s.labelReview.search.status === 'finding') return 'finding';
  return null;
}

/**
 * Step 3: train in the worker, watch it learn, stop whenever; every run is kept below. Progress,
 * charts and the live announcement subscribe to the store on their own, so a progress update
 * re-renders only them.
 */
export function TrainPanel() {
  const t = useT();
  const s = useSift(
    useShallow((st) => ({
      training: st.training,
      model: readyModel(st.model),
      fallbacks: st.run.fallbacks,
      canTrain: selectCanTrain(st),
      blocked: whyNotTrain(st),
      hasData: selectDataset(st) !== null,
      hasRuns: st.runs.list.length > 0,
      epochsSetting: selectSettings(st).epochs,
    })),
  );
  const { training, model } = s;
  const history = model?.summary.training;
  const stop = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  const failure = useRef<HTMLDivElement>(null);
  // Train turns into Stop and Stop into the outcome: focus follows when it was on the button.
  useFocusWhenLost(stop, training.status, training.status === 'training');
  useFocusWhenLost(outcome, training.status, training.status === 'trained');
  useFocusWhenLost(failure, training.status, training.status === 'failed');
  useWarnBeforeUnload(training.status === 'training');

  return (
    <Section
      id="train"
      step={3}
      title={t('train.title')}
      intro={t('train.intro')}
      waitingFor={!s.hasData && !model && !s.hasRuns ? t('train.waiting') : null}
    >
      <InterruptedNotice />
      <div className="train-controls">
        {training.status === 'training' ? (
          // Keys: Train and Stop are different buttons (React would otherwise reuse one, and focus
          // would stay on "Train again" when the run ends instead of moving to the outcome).
          <button key="stop" type="button" ref={stop} className="button button--danger" onClick={() => useSift.getState().stopTraining()} disabled={training.stopping}>
            {training.stopping ? t('train.stopping') : t('train.stop')}
          </button>
        ) : (
          <button
            key="train"
            type="button"
            className="button button--primary button--large"
            disabled={!s.canTrain}
            aria-describedby={s.blocked ? 'train-blocked' : undefined}
            onClick={() => void useSift.getState().train()}
          >
            {model && model.origin === 'trained' ? t('train.trainAgain') : t('train.train')}
          </button>
        )}
        {training.status !== 'training' && s.blocked && (
          <span id="train-blocked" className="muted">
            {t(`train.blocked.${s.blocked}`)}
          </span>
        )}
        {training.status !== 'training' && s.canTrain && <span className="muted">{t('train.atMost', { count: s.epochsSetting })}</span>}
      </div>

      {training.status !== 'training' && <BackendChoiceLine />}
      {training.status === 'training' && <TrainProgress totalEpochs={training.totalEpochs} patience={training.patience} startedAt={training.startedAt} />}
      {training.status === 'failed' && (
        <div tabIndex={-1} ref={failure}>
          <ErrorMessage title={t('train.failed')} error={training.error} />
        </div>
      )}
      {s.fallbacks.map((fallback, i) => (
        <p key={i} className="notice" role="note">
          {describeFallback(t, fallback)}
        </p>
      ))}
      {training.status === 'trained' && history && (
        <p className="outcome" tabIndex={-1} ref={outcome}>
          {describeStop(t, history.stopReason, history.bestEpoch, history.history.length)}{' '}
          {training.waited ? (
            <Trans t={t} i18nKey="train.waited" components={{ time: <WaitedTime waited={training.waited} /> }} />
          ) : (
            t('train.took', { time: formatSeconds(history.seconds) })
          )}{' '}
          {t('train.trainedOn', { examples: t('common.examples', { count: history.trainExamples + history.validationExamples }) })}
        </p>
      )}
      {training.status !== 'training' && <RunFacts />}
      <TrainingCharts />
      <RunsPanel />
      <Announcer />
    </Section>
  );
}

/** Before a run, with backend 'auto': whether the engine is still measuring which way is fastest, or what it found. */
function BackendChoiceLine() {
  const t = useT();
  const { choice, auto, hasData, ran } = useSift(
    useShallow((s) => ({ choice: s.backendChoice, auto: selectSettings(s).backend === 'auto', hasData: selectDataset(s) !== null, ran: s.run.backend !== null })),
  );
  // After a run its own facts say where it trained: the backend is told once.
  if (!auto || !hasData || ran) return null;
  switch (choice.status) {
    case 'unknown':
      return null;
    case 'measuring':
      return (
        <p className="muted backend-choice" role="status">
          {t('train.measuringAhead')}
        </p>
      );
    case 'measured':
      return (
        <p className="muted backend-choice" role="status">
          {measuredAheadSentence(t, choice.report, choice.fileName)}
        </p>
      );
  }
}

/** Each finished epoch (and the end of the run) read out to screen readers. */
function Announcer() {
  const t = useT();
  const announcement = announcementText(t, useSift((s) => s.run.announcement));
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </p>
  );
}

/** After a run (or for an opened model): where it trained and on how much data. */
function RunFacts() {
  const t = useT();
  const { backend, model } = useSift(useShallow((s) => ({ backend: s.run.backend, model: readyModel(s.model) })));
  if (backend) {
    return (
      <div className="run-facts">
        <BackendFacts report={backend} tense="trained" />
      </div>
    );
  }
  if (model) {
    const history = model.summary.training;
    return (
      <p className="run-facts muted">
        {t('train.modelFacts', {
          name: model.summary.name,
          examples: t('common.examples', { count: history.trainExamples }),
          where: backendPlainName(t, history.backend),
          backend: history.backend,
          time: formatSeconds(history.seconds),
        })}
      </p>
    );
  }
  return null;
}
