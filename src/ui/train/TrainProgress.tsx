import { trainingEta, trainingFraction } from '@/state/selectors';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { formatCount, formatSeconds } from '../common/format';
import { useNow } from '../common/useNow';
import { BackendFacts } from './BackendFacts';

/** The live line: where the run is, how fast, how long to go, and on which backend. */
export function TrainProgress({ totalEpochs, startedAt }: { totalEpochs: number; startedAt: number }) {
  const run = useSift(
    useShallow((s) => ({
      progress: s.run.progress,
      firstBatchAt: s.run.firstBatchAt,
      prepared: s.run.prepared,
      backend: s.run.backend,
      measuring: s.run.measuring,
    })),
  );
  const now = useNow(1000);
  const p = run.progress;
  const fraction = trainingFraction(run, totalEpochs);
  const eta = trainingEta(run, totalEpochs, now);
  return (
    <div className="train-progress">
      <progress className="progress" max={1} value={p ? fraction : undefined} aria-label="Training progress" />
      <p className="train-progress__line" role="status">
        {p ? (
          <>
            Epoch <strong>{p.log.epoch}</strong> of {totalEpochs} · batch {formatCount(p.log.batch)} of {formatCount(p.log.batchesPerEpoch)} ·{' '}
            {formatCount(p.log.examplesPerSecond)} examples/s
            {eta !== null && <> · about {formatSeconds(eta)} left</>}
          </>
        ) : run.backend ? (
          'Starting the first epoch…'
        ) : run.measuring ? (
          `Measuring which backend is fastest here (webgl, wasm, cpu: a few real batches each)… ${formatSeconds((now - startedAt) / 1000)}`
        ) : run.prepared ? (
          'Starting the backend…'
        ) : (
          `Preparing the data… ${formatSeconds((now - startedAt) / 1000)}`
        )}
      </p>
      {run.prepared && (
        <p className="muted">
          {formatCount(run.prepared.trainExamples)} training and {formatCount(run.prepared.validationExamples)} validation examples ·{' '}
          {run.prepared.labels.length} classes · vocabulary of {formatCount(run.prepared.vocabularySize)} tokens
        </p>
      )}
      {run.backend && <BackendFacts report={run.backend} />}
    </div>
  );
}
