import type { SettingKey } from '@/state/types';

export interface NumberFieldSpec {
  key: Extract<SettingKey, 'epochs' | 'validationShare' | 'sequenceLength' | 'vocabularySize' | 'embeddingDim' | 'hiddenUnits' | 'dropout' | 'learningRate' | 'batchSize' | 'earlyStoppingPatience' | 'minCount' | 'seed'>;
  label: string;
  hint: string;
  step: number | 'any';
  /** Shown value = stored value × scale (validation share is shown in %). */
  scale?: number;
  unit?: string;
}

export const BASIC_FIELDS: NumberFieldSpec[] = [
  { key: 'epochs', label: 'Epochs', hint: 'Passes over the training data. Training stops early when validation stops improving.', step: 1 },
  { key: 'validationShare', label: 'Validation share', hint: 'Held out to measure the model on texts it never trained on.', step: 1, scale: 100, unit: '%' },
];

export const ADVANCED_FIELDS: NumberFieldSpec[] = [
  { key: 'sequenceLength', label: 'Sequence length', hint: 'Tokens kept per text; longer texts are cut.', step: 1, unit: 'tokens' },
  { key: 'vocabularySize', label: 'Vocabulary size', hint: 'Most frequent tokens kept; the rest count as unknown.', step: 1 },
  { key: 'embeddingDim', label: 'Embedding size', hint: 'Numbers learned per token.', step: 1 },
  { key: 'hiddenUnits', label: 'Hidden units', hint: 'Width of the layer between the average and the output.', step: 1 },
  { key: 'dropout', label: 'Dropout', hint: 'Share of hidden units silenced in training (against overfitting).', step: 0.05 },
  { key: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam for the dense layers; the embeddings learn 50× faster with row-wise Adagrad.', step: 'any' },
  { key: 'batchSize', label: 'Batch size', hint: 'Examples per weight update.', step: 1 },
  { key: 'earlyStoppingPatience', label: 'Early-stopping patience', hint: 'Epochs without improvement before stopping (0 = never).', step: 1, unit: 'epochs' },
  { key: 'minCount', label: 'Minimum word count', hint: 'Words seen fewer times are treated as unknown; word pairs and character n-grams need at least 2.', step: 1 },
  { key: 'seed', label: 'Seed', hint: 'Same seed, same data, same settings: the same model.', step: 1 },
];
