import type { LoadStage } from '@/core/dataset/progress';
import { useSift } from '@/state/appStore';
import type { ParseJob } from '@/state/types';
import { formatBytes } from '../common/format';
import { useNow } from '../common/useNow';

const STAGE_TEXT: Record<LoadStage, string> = {
  decoding: 'Decoding the text',
  parsing: 'Splitting it into rows',
  checking: 'Checking the data',
};

/** Reading runs in the worker; this shows how far it is and offers to cancel it. */
export function ParseProgress({ job }: { job: ParseJob }) {
  const elapsed = (useNow(500) - job.startedAt) / 1000;
  const progress = job.progress;
  const percent = progress ? Math.round(progress.fraction * 100) : null;
  return (
    <div className="parse-progress" role="status">
      <div className="parse-progress__text">
        Reading <strong>{job.fileName}</strong> ({formatBytes(job.byteLength)})…
        {progress && (
          <span className="muted">
            {' '}
            {STAGE_TEXT[progress.stage]}, {percent}%
          </span>
        )}
        {elapsed >= 1 && <span className="muted"> · {elapsed.toFixed(0)} s</span>}
      </div>
      {/* Until the engine's first report the bar has no value: it says "working" rather than guess. */}
      <progress
        className="progress"
        max={1}
        value={progress ? progress.fraction : undefined}
        aria-label={`Reading ${job.fileName}`}
        aria-valuetext={progress ? `${STAGE_TEXT[progress.stage]}, ${percent}%` : undefined}
      />
      <button type="button" className="button button--secondary" onClick={() => useSift.getState().cancelParse()}>
        Cancel
      </button>
    </div>
  );
}
