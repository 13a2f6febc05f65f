import { useSift } from '@/state/appStore';
import type { InterruptedNotice as Notice } from '@/state/runs/types';

/** On return after a reload (or a closed tab) during training: what was kept of that run. */
export function InterruptedNotice() {
  const notice = useSift((s) => s.runs.interrupted);
  return notice ? <InterruptedNoticeView notice={notice} /> : null;
}

export function InterruptedNoticeView({ notice }: { notice: Notice }) {
  const text =
    notice.keptEpoch !== null
      ? `Training was interrupted at epoch ${notice.atEpoch}; the best model so far (epoch ${notice.keptEpoch}) was kept and is the current model.`
      : `Training was interrupted at epoch ${notice.atEpoch}; no model had been saved yet, so nothing was kept.`;
  return (
    <div className="notice interrupted-notice" role="status">
      <p>
        <strong>Run {notice.runNumber}:</strong> {text}
      </p>
      <button type="button" className="button button--quiet button--small" onClick={() => useSift.getState().dismissInterrupted()}>
        Dismiss
      </button>
    </div>
  );
}
