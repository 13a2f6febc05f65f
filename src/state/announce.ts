/** Sentences for the aria-live region (and the visible status line). */
import type { BackendFallback } from '@/core/backendRules';
import type { EpochLog, StopReason } from '@/core/model/types';
import { formatPercent } from '@/core/format';
import type { ModelSummary } from '@/core/session';

export function describeEpoch(log: EpochLog, totalEpochs: number): string {
  const parts = [`loss ${log.loss.toFixed(3)}`, `accuracy ${formatPercent(log.accuracy)}`];
  if (log.valLoss !== null) parts.push(`validation loss ${log.valLoss.toFixed(3)}`);
  if (log.valAccuracy !== null) parts.push(`validation accuracy ${formatPercent(log.valAccuracy)}`);
  return `Epoch ${log.epoch} of ${totalEpochs} finished: ${parts.join(', ')}.`;
}

export function describeStop(stopReason: StopReason, bestEpoch: number, epochsRun: number): string {
  switch (stopReason) {
    case 'early-stopping':
      return `Stopped early after epoch ${epochsRun}: validation loss stopped improving. Kept epoch ${bestEpoch}, the best.`;
    case 'user':
      return `Stopped by you after epoch ${epochsRun}. Kept epoch ${bestEpoch}, the best so far.`;
    case 'completed':
      return `Finished all ${epochsRun} epochs. Kept epoch ${bestEpoch}.`;
    case 'interrupted':
      return `Interrupted after epoch ${epochsRun}. Kept epoch ${bestEpoch}, the best so far.`;
  }
}

export function describeOutcome(model: ModelSummary): string {
  const t = model.training;
  const stop = describeStop(t.stopReason, t.bestEpoch, t.history.length);
  const v = model.metrics.validation;
  return `Training finished. ${stop}${v ? ` Validation accuracy ${formatPercent(v.accuracy)}, macro-F1 ${v.macroF1.toFixed(3)}.` : ''}`;
}

export function describeFallback(fallback: BackendFallback): string {
  const from = fallback.from === 'webgl' ? 'WebGL' : fallback.from;
  const when = fallback.failedInEpoch > 0 ? ` in epoch ${fallback.failedInEpoch}` : '';
  if (fallback.keptEpochs === 0) return `${from} stopped working${when} (${fallback.reason}). Training again on ${fallback.to} from the start.`;
  const epochs = fallback.keptEpochs === 1 ? 'epoch 1' : `epochs 1–${fallback.keptEpochs}`;
  return (
    `${from} stopped working${when} (${fallback.reason}). Sift went back to the weights after epoch ${fallback.keptEpochs}, the last one ` +
    `${from} finished well, and continues on ${fallback.to}: ${epochs} ${fallback.keptEpochs === 1 ? 'stays' : 'stay'} in the history; the optimiser starts afresh from there.`
  );
}
