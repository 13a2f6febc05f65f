import type { SettingKey } from '@/state/types';

export interface NumberFieldSpec {
  key: Extract<SettingKey, 'epochs' | 'validationShare' | 'sequenceLength' | 'vocabularySize' | 'embeddingDim' | 'hiddenUnits' | 'dropout' | 'learningRate' | 'batchSize' | 'earlyStoppingPatience' | 'minCount' | 'seed'>;
  step: number | 'any';
  /** Shown value = stored value × scale (validation share is shown in %). */
  scale?: number;
  /** The unit after the input: a percent sign, or a word from the catalogue (settings.units). */
  unit?: '%' | 'tokens' | 'epochs';
}

/** The form's fields; each one's label and hint are in the catalogue under settings.fields.<key>. */
export const BASIC_FIELDS: NumberFieldSpec[] = [
  { key: 'epochs', step: 1 },
  { key: 'validationShare', step: 1, scale: 100, unit: '%' },
];

export const ADVANCED_FIELDS: NumberFieldSpec[] = [
  { key: 'sequenceLength', step: 1, unit: 'tokens' },
  { key: 'vocabularySize', step: 1 },
  { key: 'embeddingDim', step: 1 },
  { key: 'hiddenUnits', step: 1 },
  { key: 'dropout', step: 0.05 },
  { key: 'learningRate', step: 'any' },
  { key: 'batchSize', step: 1 },
  { key: 'earlyStoppingPatience', step: 1, unit: 'epochs' },
  { key: 'minCount', step: 1 },
  { key: 'seed', step: 1 },
];
