/** Names and values of the settings as the Settings form shows them, for the runs comparison. */
import type { TrainSettings } from '@/core/settings';
import { formatNumber, formatPercent } from '../common/format';
import type { T } from '../i18n';
import { ADVANCED_FIELDS, BASIC_FIELDS } from '../configure/fields';

/** The settings that are not number fields, in the form's order. */
const OTHER_KEYS = ['cjkCharNgrams', 'classWeighting', 'backend', 'wordBigrams', 'lowercase', 'maskPii', 'weights'] as const satisfies readonly (keyof TrainSettings)[];

/** The form's order: basic fields, advanced fields, then the choices. */
export const SETTING_ORDER: (keyof TrainSettings)[] = [...[...BASIC_FIELDS, ...ADVANCED_FIELDS].map((f) => f.key), ...OTHER_KEYS];

export function settingLabel(t: T, key: keyof TrainSettings): string {
  return t(`settings.fields.${key}.label`);
}

export function settingValue(t: T, key: keyof TrainSettings, value: TrainSettings[keyof TrainSettings]): string {
  if (key === 'validationShare' && typeof value === 'number') return formatPercent(value, 0);
  if (key === 'classWeighting' && (value === 'none' || value === 'balanced')) return t(`settings.weighting.${value}`);
  if (key === 'backend' && (value === 'auto' || value === 'wasm' || value === 'webgl' || value === 'cpu')) return t(`settings.backends.${value}`);
  if (key === 'weights' && (value === 'uint8' || value === 'float16' || value === 'float32')) return t(`settings.weightFormats.${value}`);
  if (key === 'cjkCharNgrams') return t(value === 0 ? 'settings.ngrams.off' : value === 2 ? 'settings.ngrams.pairs' : 'settings.ngrams.triples');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}
