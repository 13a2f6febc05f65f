/**
 * golden.json: texts with the token ids and probabilities Sift gives them, so that a port of the
 * tokenizer and the model to another language can check itself text by text.
 */
import type { Example } from '../dataset/types';
import { predictionFromProbabilities, Predictor } from '../predictor';
import { normalizeText } from '../text/normalize';
import { findPii } from '../text/pii';
import type { TokenizerConfig } from '../text/types';
import type { SiftModel } from './types';

/** Validation texts a bundle's golden.json holds, at most. */
export const GOLDEN_TEXTS = 20;

/**
 * Sift's own texts, in every golden.json whatever the model: they exercise what a port most
 * easily gets wrong (personal data masked or kept, upper case and full-width characters under
 * NFKC, punctuation, Chinese without spaces, an empty text). The phone number, card number
 * (it passes the Luhn check), address and e-mail are made up.
 */
export const CHECK_TEXTS: readonly string[] = [
  'Call +44 7700 900123 or write to ana.lopez+offers@example.com before 31/12/2025!',
  'Card 4539 1488 0343 6467, server 192.168.10.24, ref 20251130775 — not a price: $1,000,000 in 2024.',
  'ＦＲＥＥ entry: WIN a PRIZE… txt “YES” to 80086 now!!!',
  'What is the capital of New York?',
  '大模型时代创业者的经验教训，请致电 138 0013 8000。',
  '',
];

export interface GoldenText {
  /** 'validation': one of the model's validation texts; 'check': one of Sift's CHECK_TEXTS. */
  source: 'validation' | 'check';
  text: string;
  /** The ids the model reads, in order (after masking, tokenizing, the vocabulary and the cut at sequenceLength). */
  ids: number[];
  label: string;
  /** Each class's probability, in label order. */
  probabilities: Record<string, number>;
}

export interface GoldenFile {
  format: 'sift-golden';
  version: 1;
  about: string;
  labels: string[];
  texts: GoldenText[];
}

/**
 * Up to GOLDEN_TEXTS validation texts for golden.json, spread evenly over the split: only texts in
 * which masking finds no personal data (whether or not the model masks it), so that golden.json
 * never carries a phone number or an e-mail address of the person's data.
 */
export function chooseGoldenTexts(validation: readonly Example[], tokenizer: TokenizerConfig): string[] {
  const clean = validation.filter((e) => findPii(normalizeText(e.text, tokenizer)).length === 0).map((e) => e.text);
  if (clean.length <= GOLDEN_TEXTS) return clean;
  return Array.from({ length: GOLDEN_TEXTS }, (_, i) => clean[Math.floor((i * clean.length) / GOLDEN_TEXTS)]);
}

/** golden.json for `model`: the given validation texts, then CHECK_TEXTS, each with its ids and probabilities. */
export function goldenFile(model: SiftModel, validationTexts: readonly string[]): GoldenFile {
  const predictor = Predictor.create(model);
  const texts = [...validationTexts, ...CHECK_TEXTS];
  const encoded = predictor.encode(texts);
  const probabilities = predictor.probabilitiesOfEncoded(encoded);
  const labels = model.manifest.labels;
  const k = labels.length;
  return {
    format: 'sift-golden',
    version: 1,
    about:
      'Texts with the token ids and probabilities Sift computed for them with this model, to check a port of predict.mjs ' +
      'to another language: same ids in the same order, probabilities within 1e-4. "check" texts are made up by Sift.',
    labels,
    texts: texts.map((text, i) => {
      const row = probabilities.subarray(i * k, (i + 1) * k);
      return {
        source: i < validationTexts.length ? 'validation' : 'check',
        text,
        ids: Array.from(encoded.ids.subarray(encoded.offsets[i], encoded.offsets[i + 1])),
        label: predictionFromProbabilities(row, labels).label,
        probabilities: Object.fromEntries(labels.map((label, j) => [label, row[j]])),
      };
    }),
  };
}
