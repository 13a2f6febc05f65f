import { useSift } from '@/state/appStore';
import type { InterruptedNotice as Notice } from '@/state/runs/types';
import { useT } from '../i18n';

/** On return after a reload (or a closed tab) during training: what was kept of that run. */
export function InterruptedNotice() {
  const notice = useSift((s) => s.runs.interrupted);
  return notice ? <InterruptedNoticeView notice={notice} /> : null;
}

export function InterruptedNoticeView({ notice }: { notice: Notice }) {
  const t = useT();
  const text =
    notice.keptEpoch !== null
      ? t('runs.interruptedNotice.kept', { at: notice.atEpoch, kept: notice.keptEpoch })
      : t('runs.interruptedNotice.none', { at: notice.atEpoch });
  return (
    <div className="notice interrupted-notice" role="status">
      <p>
        <strong>{t('runs.interruptedNotice.run', { number: notice.runNumber })}</strong> {text}
      </p>
      <button type="button" className="button button--quiet button--small" onClick={() => useSift.getState().dismissInterrupted()}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
