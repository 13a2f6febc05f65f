/**
 * What the aria-live region says after each epoch and at the end of a run, as data: the page puts
 * it into words in its current language (src/ui/train/announcement.ts), so the store holds no
 * sentences and a language switch mid-run changes the next words too.
 */
import type { BackendFallback } from '@/core/backendRules';
import type { EpochLog, StopReason } from '@/core/model/types';
import type { ModelSummary } from '@/core/session';

export type Announcement =
  | { kind: 'none' }
  | { kind: 'epoch'; log: EpochLog; totalEpochs: number }
  | { kind: 'finished'; stopReason: StopReason; bestEpoch: number; epochsRun: number; validation: { accuracy: number; macroF1: number } | null }
  | { kind: 'failed'; message: string }
  | { kind: 'fallback'; fallback: BackendFallback };

export const NO_ANNOUNCEMENT: Announcement = { kind: 'none' };

export function epochAnnouncement(log: EpochLog, totalEpochs: number): Announcement {
  return { kind: 'epoch', log, totalEpochs };
}

export function outcomeAnnouncement(model: ModelSummary): Announcement {
  const t = model.training;
  const v = model.metrics.validation;
  return { kind: 'finished', stopReason: t.stopReason, bestEpoch: t.bestEpoch, epochsRun: t.history.length, validation: v ? { accuracy: v.accuracy, macroF1: v.macroF1 } : null };
}
