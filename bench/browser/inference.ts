/**
 * Inference in the worker, as the Try box uses it: texts of a fixed number of words typed into the
 * box one at a time; for each answer the app marks `sift:explained` with the worker's time to
 * tokenize, predict and explain the text (src/state/slices/trySlice.ts), which is read here.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readLabelledCsv } from '../csv';
import { PROJECT_ROOT } from '../datasets';
import { median } from '../measure';
import type { InferenceFigures } from './types';

export const INFERENCE_WORDS = 100;
export const INFERENCE_TEXTS = 60;
const SAMPLE = join(PROJECT_ROOT, 'public', 'samples', 'sms_spam.csv');

/**
 * `count` distinct texts of exactly `words` words, each made of consecutive messages of the
 * sample (real text, in the model's domain), starting one message further along each time.
 */
export function inferenceTexts(messages: readonly string[], count: number, words: number): string[] {
  const texts: string[] = [];
  for (let start = 0; texts.length < count && start < messages.length; start++) {
    const taken: string[] = [];
    for (let i = start; taken.length < words && i < messages.length; i++) taken.push(...messages[i].split(/\s+/).filter((w) => w !== ''));
    if (taken.length >= words) texts.push(taken.slice(0, words).join(' '));
  }
  if (texts.length < count) throw new Error(`the sample has too few words for ${count} texts of ${words} words`);
  return texts;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarizeInference(workerMs: readonly number[], words: number): InferenceFigures {
  return { texts: workerMs.length, words, p50Ms: median(workerMs), p95Ms: percentile(workerMs, 95), maxMs: Math.max(...workerMs) };
}

/** Types each text into the Try box and waits for its answer; the model must be ready. */
export async function measureInference(page: Page, timeoutMs: number): Promise<InferenceFigures> {
  const texts = inferenceTexts(readLabelledCsv(SAMPLE).map((r) => r.text), INFERENCE_TEXTS, INFERENCE_WORDS);
  const box = page.getByLabel('Text to classify');
  const marks = (): Promise<number> => page.evaluate(() => performance.getEntriesByName('sift:explained').length);
  const before = await marks();
  for (const [i, text] of texts.entries()) {
    await box.fill(text);
    await page.waitForFunction((n) => performance.getEntriesByName('sift:explained').length >= n, before + i + 1, { polling: 20, timeout: timeoutMs });
  }
  const workerMs = await page.evaluate(
    (skip) =>
      performance
        .getEntriesByName('sift:explained')
        .slice(skip)
        .map((e) => ((e as PerformanceMark).detail as { workerMs: number }).workerMs),
    before,
  );
  return summarizeInference(workerMs, INFERENCE_WORDS);
}
