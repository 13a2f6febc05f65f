import { useSift } from '@/state/appStore';
import type { ParseJob } from '@/state/types';
import { formatBytes } from '../common/format';
import { useNow } from '../common/useNow';

/** Reading runs in the worker; this shows that it is alive and offers to cancel it. */
export function ParseProgress({ job }: { job: ParseJob }) {
  const elapsed = (useNow(500) - job.startedAt) / 1000;
  return (
    <div className="parse-progress" role="status">
      <div className="parse-progress__text">
        Reading <strong>{job.fileName}</strong> ({formatBytes(job.byteLength)})…
        {elapsed >= 1 && <span className="muted"> {elapsed.toFixed(0)} s</span>}
      </div>
      {/* No value: the reader reports no fraction, so the bar says "working" rather than guessing. */}
      <progress className="progress" aria-label={`Reading ${job.fileName}`} />
      <button type="button" className="button button--secondary" onClick={() => useSift.getState().cancelParse()}>
        Cancel
      </button>
    </div>
  );
}
