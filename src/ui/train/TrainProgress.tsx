import { useShallow } from 'zustand/react/shallow';
import type { PrepareStage } from '@/core/pipeline';
import { useSift } from '@/state/appStore';
import { trainingOutlook, type Eta, type TrainingPlan } from '@/state/eta';
import { formatCount, formatSeconds } from '../common/format';
import { useNow } from '../common/useNow';
import { BackendFacts } from './BackendFacts';

const PREPARE_WORDS: Record<PrepareStage, string> = {
  tokenizing: 'reading the training texts into a vocabulary',
  encoding: 'turning the validation texts into numbers',
};

/** "about 12 s", or "under a second" (never "about under a second"). */
const about = (seconds: number) => (seconds < 1 ? formatSeconds(seconds) : `about ${formatSeconds(seconds)}`);

/** The time left in words; says so when it cannot be known yet. */
export function etaWords(eta: Eta): string {
  switch (eta.kind) {
    case 'unknown':
      return 'time left: known after the first batches';
    case 'about':
      return `${about(eta.seconds)} left`;
    case 'early-stopping':
      return `${about(eta.likely)} left if validation loss stops improving, at most ${formatSeconds(eta.atMost)}`;
  }
}

interface Props {
  totalEpochs: number;
  patience: number;
  startedAt: number;
}

/** The live line: what the run is doing, how far, how fast, how long to go, and where it trains. */
export function TrainProgress({ totalEpochs, patience, startedAt }: Props) {
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
  else if (preparing) line = `Preparing the data: ${PREPARE_WORDS[preparing.stage]}, ${Math.round(preparing.fraction * 100)}% · ${waited}`;
  else if (run.backend) line = `Starting the first epoch… ${waited}`;
  else if (run.measuring) line = `Measuring which way of training is fastest here (a few real batches each)… ${waited}`;
  else if (run.prepared) line = `Starting the backend… ${waited}`;
  else line = `Preparing the data… ${waited}`;

  return (
    <div className="train-progress">
      {preparing ? (
        <progress className="progress" max={1} value={preparing.fraction} aria-label="Preparing the data" />
      ) : (
        <progress className="progress" max={1} value={p ? outlook.fraction : undefined} aria-label="Training progress" />
      )}
      <p className="train-progress__line" role="status">
        {p ? (
          <>
            Epoch <strong>{p.log.epoch}</strong> of at most {totalEpochs} · batch {formatCount(p.log.batch)} of {formatCount(p.log.batchesPerEpoch)} ·{' '}
            {formatCount(p.log.examplesPerSecond)} examples/s · {etaWords(outlook.eta)} · {waited} so far
          </>
        ) : (
          line
        )}
      </p>
      {run.prepared && (
        <p className="muted">
          {formatCount(run.prepared.trainExamples)} training and {formatCount(run.prepared.validationExamples)} validation examples ·{' '}
          {run.prepared.labels.length} classes · vocabulary of {formatCount(run.prepared.vocabularySize)} tokens
        </p>
      )}
      {run.backend && <BackendFacts report={run.backend} tense="trains" />}
    </div>
  );
}
