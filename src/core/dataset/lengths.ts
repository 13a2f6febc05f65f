import { DEFAULT_TOKENIZER, wordTokens } from '../text/tokenize';
import type { LengthStats } from './types';

/**
 * How long the texts are, in Sift's tokens (words only), and what sequence length and vocabulary
 * size that suggests. Tokenising is the slow part of reading a file (Chinese goes through
 * Intl.Segmenter at well under 1 MB/s), so big files are measured on an even sample.
 */

/** Characters tokenised at most; above this an evenly spaced sample of the texts is measured. */
export const DEFAULT_TOKENIZE_BUDGET = 2_000_000;
/** Only this many characters of one text are tokenised; its count is scaled from that start. */
const TOKENIZE_CHAR_LIMIT = 20_000;
const FRIENDLY_LENGTHS = [16, 24, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024] as const;
/** Heaps' law exponent used when the sample is too small to fit one (typical for text: 0.4–0.7). */
const DEFAULT_HEAPS_EXPONENT = 0.6;

export interface MeasuredLengths {
  lengths: LengthStats;
  /** Distinct words (exact, or estimated by Heaps' law when a sample was measured). */
  distinctWords: number;
  /** Texts actually tokenised. */
  measured: number;
}

/**
 * Token counts of `texts`. Exact when the texts hold at most `budget` characters; otherwise every
 * k-th text is measured (covering the whole file, which is often sorted by class), the histogram
 * is scaled to all texts, and the number of distinct words is extrapolated with Heaps' law
 * (distinct ≈ K · tokens^β, β fitted between the half and the full sample).
 */
export function measureLengths(
  texts: readonly string[],
  budget: number = DEFAULT_TOKENIZE_BUDGET,
  onProgress?: (fraction: number) => void,
): MeasuredLengths {
  let totalChars = 0;
  for (const t of texts) totalChars += Math.min(t.length, TOKENIZE_CHAR_LIMIT);
  const stride = totalChars > budget ? Math.ceil(totalChars / budget) : 1;
  const sampleSize = Math.ceil(texts.length / stride);

  const counts = new Float64Array(sampleSize);
  const words = new Set<string>();
  let sampledChars = 0;
  let tokens = 0;
  let half = { tokens: 0, words: 0 };
  for (let k = 0; k < sampleSize; k++) {
    if (k === Math.floor(sampleSize / 2)) half = { tokens, words: words.size };
    const text = texts[k * stride];
    // Training reads at most ~1k tokens; tokenising a 5 MB field word by word would only make a person wait.
    const head = text.length > TOKENIZE_CHAR_LIMIT ? text.slice(0, TOKENIZE_CHAR_LIMIT) : text;
    const found = wordTokens(head, DEFAULT_TOKENIZER);
    for (const w of found) words.add(w);
    tokens += found.length;
    sampledChars += head.length;
    counts[k] = head === text ? found.length : Math.round((found.length * text.length) / head.length);
    onProgress?.((k + 1) / sampleSize);
  }

  let distinctWords = words.size;
  if (stride > 1 && sampledChars > 0) {
    const fitted = half.words > 0 && tokens > half.tokens ? Math.log(words.size / half.words) / Math.log(tokens / half.tokens) : NaN;
    const beta = Number.isFinite(fitted) ? Math.min(0.8, Math.max(0.3, fitted)) : DEFAULT_HEAPS_EXPONENT;
    distinctWords = Math.round(words.size * Math.pow(totalChars / sampledChars, beta));
  }
  return { lengths: summarise(counts, texts.length), distinctWords, measured: sampleSize };
}

/**
 * Min, percentiles, mean and a doubling-bucket histogram (lengths are heavy-tailed: a few very long
 * posts among short messages). Histogram counts are scaled to `population` texts when `counts`
 * is a sample, keeping their sum exact.
 */
export function summarise(counts: Float64Array, population: number = counts.length): LengthStats {
  if (counts.length === 0) return { min: 0, p50: 0, p95: 0, max: 0, mean: 0, histogram: [] };
  const sorted = Float64Array.from(counts).sort();
  const max = sorted[sorted.length - 1];
  let sum = 0;
  for (const c of sorted) sum += c;
  const raw: { upTo: number; count: number }[] = [];
  let at = 0;
  for (let upTo = 4; ; upTo *= 2) {
    let count = 0;
    while (at < sorted.length && sorted[at] <= upTo) {
      count++;
      at++;
    }
    raw.push({ upTo, count });
    if (upTo >= max) break;
  }
  return {
    min: sorted[0],
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max,
    mean: sum / sorted.length,
    histogram: population === sorted.length ? raw : scaleCounts(raw, population),
  };
}

/** Scales bucket counts to sum to `total` (largest remainder rounding). */
function scaleCounts(buckets: { upTo: number; count: number }[], total: number): { upTo: number; count: number }[] {
  const sampled = buckets.reduce((s, b) => s + b.count, 0);
  const exact = buckets.map((b) => (b.count * total) / sampled);
  const scaled = exact.map(Math.floor);
  let missing = total - scaled.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    scaled[i]++;
    missing--;
  }
  return buckets.map((b, i) => ({ upTo: b.upTo, count: scaled[i] }));
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** p95 of the token counts rounded up to a friendly length, between 16 and 1024. */
export function suggestSequenceLength(p95: number): number {
  return FRIENDLY_LENGTHS.find((n) => n >= p95) ?? FRIENDLY_LENGTHS[FRIENDLY_LENGTHS.length - 1];
}

/** Distinct words rounded up to a thousand, between 1,000 and 100,000 (beyond that: rare words). */
export function suggestVocabularySize(distinctWords: number): number {
  return Math.min(100_000, Math.max(1_000, Math.ceil(distinctWords / 1000) * 1000));
}
