import { useSift } from '@/state/appStore';
import type { ParseJob } from '@/state/types';
import { formatBytes, formatCount, formatPercent } from '../common/format';
import { useNow } from '../common/useNow';
import { Trans, useT } from '../i18n';

/** Reading runs in the worker; this shows how far it is and offers to cancel it. */
export function ParseProgress({ job }: { job: ParseJob }) {
  const t = useT();
  const elapsed = (useNow(500) - job.startedAt) / 1000;
  const progress = job.progress;
  const stage = progress ? t('data.parse.stage', { stage: t(`data.parse.stages.${progress.stage}`), percent: formatPercent(progress.fraction, 0) }) : null;
  return (
    <div className="parse-progress" role="status">
      <div className="parse-progress__text">
        <Trans t={t} i18nKey="data.parse.reading" values={{ fileName: job.fileName, size: formatBytes(job.byteLength) }} components={{ strong: <strong /> }} />
        {stage && <span className="muted"> {stage}</span>}
        {elapsed >= 1 && <span className="muted"> · {t('common.format.seconds', { n: formatCount(elapsed) })}</span>}
      </div>
      {/* Until the engine's first report the bar has no value: it says "working" rather than guess. */}
      <progress
        className="progress"
        max={1}
        value={progress ? progress.fraction : undefined}
        aria-label={t('data.parse.readingLabel', { fileName: job.fileName })}
        aria-valuetext={stage ?? undefined}
      />
      <button type="button" className="button button--secondary" onClick={() => useSift.getState().cancelParse()}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
