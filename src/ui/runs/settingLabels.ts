/** Names of the settings as the Settings form shows them, for the runs comparison. */
import type { TrainSettings } from '@/core/settings';
import { formatPercent } from '@/core/format';
import { ADVANCED_FIELDS, BASIC_FIELDS } from '../configure/fields';

const OTHER_LABELS: Partial<Record<keyof TrainSettings, string>> = {
  cjkCharNgrams: 'Chinese/Japanese character n-grams',
  classWeighting: 'Class weighting',
  backend: 'Backend',
  wordBigrams: 'Word pairs',
  lowercase: 'Lowercase',
};

const LABELS: Partial<Record<keyof TrainSettings, string>> = {
  ...Object.fromEntries([...BASIC_FIELDS, ...ADVANCED_FIELDS].map((f) => [f.key, f.label])),
  ...OTHER_LABELS,
};

/** The form's order: basic fields, advanced fields, then the choices. */
export const SETTING_ORDER = [...BASIC_FIELDS, ...ADVANCED_FIELDS].map((f) => f.key as keyof TrainSettings).concat(Object.keys(OTHER_LABELS) as (keyof TrainSettings)[]);

export function settingLabel(key: keyof TrainSettings): string {
  return LABELS[key] ?? key;
}

export function settingValue(key: keyof TrainSettings, value: TrainSettings[keyof TrainSettings]): string {
  if (key === 'validationShare' && typeof value === 'number') return formatPercent(value, 0);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
