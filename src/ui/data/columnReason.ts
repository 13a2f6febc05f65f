import type { DatasetSummary } from '@/core/session';
import { formatCount, formatList } from '../common/format';
import type { T } from '../i18n';

/** Why these columns were taken, from the engine's facts, in the page's language. */
export function columnReason(t: T, summary: Pick<DatasetSummary, 'columns' | 'textColumn' | 'labelColumn' | 'columnFacts'>): string {
  const f = summary.columnFacts;
  const sentence = t('data.read.reason', {
    text: summary.columns[summary.textColumn],
    textWhy: t(`data.read.why.${f.textWhy}`),
    chars: t('common.characters', { count: f.textMeanLength }),
    label: summary.columns[summary.labelColumn],
    labelWhy: t(`data.read.why.${f.labelWhy}`),
    values: t('data.read.distinct', { count: f.labelDistinct }),
    rows: formatCount(f.sampleRows),
  });
  if (f.idColumns.length === 0) return t('data.read.reasonEnd', { sentence });
  return t('data.read.reasonIds', { sentence, ids: formatList(f.idColumns.map((c) => t('data.read.quoted', { name: c }))), count: f.idColumns.length });
}
