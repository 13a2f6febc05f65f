import type { DecisionCounts } from '@/core/quality/labelDecisions';
import type { T } from '../i18n';

/** "1 row relabelled, 1 dropped", "3 rows dropped", "2 rows kept as they are"; '' without decisions. */
export function describeDecisions(t: T, counts: DecisionCounts): string {
  const parts: string[] = [];
  if (counts.relabelled > 0) parts.push(t('data.corrections.relabelled', { count: counts.relabelled }));
  if (counts.dropped > 0) parts.push(parts.length ? t('data.corrections.alsoDropped', { count: counts.dropped }) : t('data.corrections.dropped', { count: counts.dropped }));
  if (counts.kept > 0) parts.push(parts.length ? t('data.corrections.alsoKept', { count: counts.kept }) : t('data.corrections.kept', { count: counts.kept }));
  return parts.join(t('common.format.listSeparator'));
}
