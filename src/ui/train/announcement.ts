/** The aria-live sentences of a run (the store holds them as data, src/state/announce.ts). */
import type { BackendFallback } from '@/core/backendRules';
import type { StopReason } from '@/core/model/types';
import type { Announcement } from '@/state/announce';
import { formatDecimal, formatPercent } from '../common/format';
import type { T } from '../i18n';

export function describeStop(t: T, stopReason: StopReason, bestEpoch: number, epochsRun: number): string {
  return t(`train.stopReason.${stopReason}`, { epochs: epochsRun, best: bestEpoch });
}

/** What happened when a backend stopped working mid-run, and what the run kept of its epochs. */
export function describeFallback(t: T, fallback: BackendFallback): string {
  const from = fallback.from === 'webgl' ? 'WebGL' : fallback.from;
  const when = fallback.failedInEpoch > 0 ? t('train.fallback.inEpoch', { epoch: fallback.failedInEpoch }) : '';
  const stopped = t('train.fallback.stopped', { from, when, reason: fallback.reason });
  const { to, keptEpochs: kept } = fallback;
  if (kept === 0) return t('train.fallback.fromStart', { stopped, to });
  return t(kept === 1 ? 'train.fallback.continuesOne' : 'train.fallback.continuesMany', { stopped, from, to, kept });
}

export function announcementText(t: T, a: Announcement): string {
  switch (a.kind) {
    case 'none':
      return '';
    case 'epoch': {
      const { log } = a;
      const parts: string[] = [t('train.announce.loss', { value: formatDecimal(log.loss) }), t('train.announce.accuracy', { value: formatPercent(log.accuracy) })];
      if (log.valLoss !== null) parts.push(t('train.announce.valLoss', { value: formatDecimal(log.valLoss) }));
      if (log.valAccuracy !== null) parts.push(t('train.announce.valAccuracy', { value: formatPercent(log.valAccuracy) }));
      return t('train.announce.epoch', { epoch: log.epoch, total: a.totalEpochs, parts: parts.join(t('common.format.listSeparator')) });
    }
    case 'finished': {
      const stop = describeStop(t, a.stopReason, a.bestEpoch, a.epochsRun);
      const metrics = a.validation ? t('train.announce.finishedMetrics', { accuracy: formatPercent(a.validation.accuracy), f1: formatDecimal(a.validation.macroF1) }) : '';
      return `${t('train.announce.finished', { stop })}${metrics}`;
    }
    case 'failed':
      return t('train.announce.failed', { message: a.message });
    case 'fallback':
      return describeFallback(t, a.fallback);
  }
}
