import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { trainingOutlook, type Eta, type TrainingPlan } from '@/state/eta';
import { formatAbout, formatCount, formatPercent, formatSeconds } from '../common/format';
import { useNow } from '../common/useNow';
import { Trans, useT, type T } from '../i18n';
import { BackendFacts } from './BackendFacts';

/** The time left in words; says so when it cannot be known yet. */
export function etaWords(t: T, eta: Eta): string {
  switch (eta.kind) {
    case 'unknown':
      return t('train.progress.eta.unknown');
    case 'about':
      return t('train.progress.eta.about', { time: formatAbout(eta.seconds) });
    case 'early-stopping':
      return t('train.progress.eta.earlyStopping', { likely: formatAbout(eta.likely), atMost: formatSeconds(eta.atMost) });
  }
}

interface Props {
  totalEpochs: number;
  patience: number;
  startedAt: number;
}

/** The live line: what the run is doing, how far, how fast, how long to go, and where it trains. */
export function TrainProgress({ totalEpochs, patience, startedAt }: Props) {
  const t = useT();
  const run = useSift(
    useShallow((s) => ({
      progress: s.run.progress,
      firstBatchAt: s.run.firstBatchAt,
      epochs: s.run.epochs,
      preparing: s.run.preparing,
      prepared: s.run.prepared,
      backend: s.run.backend,
      measuring: s.run.measuring,
    })),
  );
  // useNow re-renders every second; the estimate reads the clock itself, since batch messages
  // (and their times) arrive between ticks.
  useNow(1000);
  const now = performance.now();
  const p = run.progress;
  const waited = formatSeconds((now - startedAt) / 1000);
  // Until the data is prepared the run cannot know whether it has validation: assume the settings'.
  const plan: TrainingPlan = { totalEpochs, patience, validation: run.prepared ? run.prepared.validationExamples > 0 : true };
  const outlook = trainingOutlook(run, plan, now);
  // Preparing the texts (the run's own, or a measurement's it waits for) has a real bar.
  const preparing = !run.prepared && run.preparing !== null && run.preparing.fraction < 1 ? run.preparing : null;

  let line: string;
  if (p) line = '';
  else if (preparing) line = t('train.progress.preparing', { stage: t(`train.progress.prepareStage.${preparing.stage}`), percent: formatPercent(preparing.fraction, 0), waited });
  else if (run.backend) line = t('train.progress.startingEpoch', { waited });
  else if (run.measuring) line = t('train.progress.measuring', { waited });
  else if (run.prepared) line = t('train.progress.startingBackend', { waited });
  else line = t('train.progress.preparingPlain', { waited });

  return (
    <div className="train-progress">
      {preparing ? (
        <progress className="progress" max={1} value={preparing.fraction} aria-label={t('train.progress.preparingLabel')} />
      ) : (
        <progress className="progress" max={1} value={p ? outlook.fraction : undefined} aria-label={t('train.progress.trainingLabel')} />
      )}
      <p className="train-progress__line" role="status">
        {p ? (
          <Trans
            t={t}
            i18nKey="train.progress.line"
            values={{
              epoch: p.log.epoch,
              total: totalEpochs,
              batch: formatCount(p.log.batch),
              batches: formatCount(p.log.batchesPerEpoch),
              speed: formatCount(p.log.examplesPerSecond),
              eta: etaWords(t, outlook.eta),
              waited,
            }}
            components={{ strong: <strong /> }}
          />
        ) : (
          line
        )}
      </p>
      {run.prepared && (
        <p className="muted">
          {t('train.progress.prepared', {
            train: formatCount(run.prepared.trainExamples),
            validation: formatCount(run.prepared.validationExamples),
            classes: t('common.classes', { count: run.prepared.labels.length }),
            tokens: t('common.tokens', { count: run.prepared.vocabularySize }),
          })}
        </p>
      )}
      {run.backend && <BackendFacts report={run.backend} tense="trains" />}
    </div>
  );
}
