import type { DatasetReport } from './dataset/types';
import { resolveSettings, type TrainSettings } from './settings';

/**
 * Settings for a particular dataset: the fixed defaults, with the sequence length taken from the
 * data (the UI's form and the CLI both start here, so both train the same model by default).
 *
 * The report's suggestion counts words; the model sees words plus the n-grams the tokenizer adds,
 * so the cap is scaled up by how many tokens each word becomes. Overshooting costs nothing:
 * batches are padded only to their own longest text.
 */
export function settingsForData(report: DatasetReport, overrides: Partial<TrainSettings> = {}): TrainSettings {
  const base = resolveSettings(overrides);
  if (overrides.sequenceLength !== undefined) return base;
  const tokensPerWord = (base.wordBigrams ? 2 : 1) + (base.cjkCharNgrams > 0 ? base.cjkCharNgrams : 0);
  const sequenceLength = Math.min(4096, Math.max(32, report.suggestedSequenceLength * tokensPerWord));
  return resolveSettings({ ...overrides, sequenceLength });
}
