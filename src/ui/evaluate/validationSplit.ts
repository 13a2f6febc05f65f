import type { SplitSizes } from '@/core/dataset/split';
import { formatCount, formatPercent } from '../common/format';
import type { T } from '../i18n';

/**
 * How the examples were really split, in the page's language (core's describeValidationSplit says
 * it for the CLI): the share asked for, the share that came out, and why they differ.
 */
export function describeValidationSplit(t: T, { validationShare, trainExamples, validationExamples }: SplitSizes): string {
  const total = trainExamples + validationExamples;
  const percent = (x: number) => formatPercent(Math.round(100 * x) / 100, 0);
  if (validationShare === 0) return t('evaluate.split.zeroShare');
  if (validationExamples === 0) return t('evaluate.split.singletons', { share: percent(validationShare) });
  const real = validationExamples / total;
  const sizes = { validation: formatCount(validationExamples), total: formatCount(total), share: percent(real) };
  if (percent(real) === percent(validationShare)) return t('evaluate.split.sizes', sizes);
  const why = real > validationShare ? t('evaluate.split.more') : t('evaluate.split.fewer');
  return t('evaluate.split.sizesDiffer', { ...sizes, asked: percent(validationShare), why });
}
