/**
 * Measures which tfjs backend trains fastest here before the person clicks Train, so that the
 * first chart point does not wait for it (in headless Chromium, starting WebGL on SwiftShader and
 * compiling its shaders alone takes seconds). The measurement is the engine's own `auto` choice
 * (trainModel with backend 'auto'), stopped before its first real batch: same backends, same
 * paths, same figures as a measurement at Train would give.
 */
import { splitDataset } from '@/core/dataset/split';
import type { Example } from '@/core/dataset/types';
import { trainModel } from '@/core/model/train';
import type { BackendReport } from '@/core/model/types';
import { labelsOf } from '@/core/pipeline';
import { tokenizerConfigOf, type TrainSettings } from '@/core/settings';
import { encodeTexts } from '@/core/text/encode';
import { vocabularyFromTexts } from '@/core/text/vocabulary';

/** A backend choice measured earlier in this session, and on what. */
export interface KnownBackend {
  report: BackendReport;
  fileName: string;
  /** performance.now() when the measurement finished. */
  at: number;
}

/**
 * Runs `auto` on the training split of `examples` with `settings` and returns its report.
 * Returns null where there is nothing to measure on (fewer than two labels, no examples).
 */
export async function probeBackends(examples: Example[], settings: TrainSettings): Promise<BackendReport | null> {
  const labels = labelsOf(examples);
  if (examples.length === 0 || labels.length < 2) return null;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const { train } = splitDataset(examples, { validationShare: settings.validationShare, seed: settings.seed });
  if (train.length === 0) return null;
  const tokenizer = tokenizerConfigOf(settings);
  const texts = train.map((e) => e.text);
  const vocabulary = vocabularyFromTexts(texts, tokenizer, { maxSize: settings.vocabularySize, minCount: settings.minCount });
  const corpus = encodeTexts(texts, Int32Array.from(train, (e) => labelIndex.get(e.label) ?? 0), vocabulary, tokenizer, settings.sequenceLength);
  const shape = { vocabSize: vocabulary.tokens.length, embeddingDim: settings.embeddingDim, hiddenUnits: settings.hiddenUnits, numClasses: labels.length };
  let report: BackendReport | null = null;
  // Stopping before the first batch: only the measurement runs.
  await trainModel({ train: corpus, validation: null }, shape, { ...settings, epochs: 1 }, 'auto', {
    onBackend: (r) => {
      report = r;
    },
    shouldStop: () => true,
  });
  return report;
}

/** "…; measured on sms_spam.csv 12 s before this run": the reason says when and on what. */
export function describeKnown(known: KnownBackend, now: number): string {
  const seconds = Math.max(0, Math.round((now - known.at) / 1000));
  const ago = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `${known.report.reason}; measured on ${known.fileName} ${ago} before this run`;
}
