import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './dataset/load';
import type { DatasetReport } from './dataset/types';
import { SiftError } from './errors';
import { DEFAULT_SETTINGS, resolveSettings, settingsFor } from './settings';

const reportOf = (path: string): DatasetReport => loadDataset(new Uint8Array(readFileSync(path))).report;

describe('settingsFor, the one settings rule', () => {
  it('without data gives the defaults', () => {
    expect(settingsFor(null)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFor(null, { epochs: 3 })).toEqual({ ...DEFAULT_SETTINGS, epochs: 3 });
  });

  it.each([
    // p95 of 48 words (English): words + bigrams + the CJK n-gram setting → 48 × 4 tokens
    { file: 'tests/fixtures/datasets/sms_spam/sms_spam.csv', sequenceLength: 192, vocabularySize: 50_000 },
    // short Chinese titles: 24 words at p95
    { file: 'tests/fixtures/datasets/thucnews_titles/thucnews_titles_dev.csv', sequenceLength: 96, vocabularySize: 50_000 },
  ])('takes the sequence length from the data and keeps 50,000 tokens for a small corpus ($file)', ({ file, sequenceLength, vocabularySize }) => {
    const settings = settingsFor(reportOf(file));
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, sequenceLength, vocabularySize });
  });

  it('gives a corpus with more distinct words than 50,000 that many (the report caps them at 100,000)', () => {
    const report = reportOf('tests/fixtures/datasets/sms_spam/sms_spam.csv');
    expect(settingsFor({ ...report, suggestedVocabularySize: 80_000 }).vocabularySize).toBe(80_000);
    expect(settingsFor({ ...report, suggestedVocabularySize: 100_000 }).vocabularySize).toBe(100_000);
    expect(settingsFor({ ...report, suggestedVocabularySize: 8_000 }).vocabularySize).toBe(50_000);
  });

  it('lets every field the person set win over the rule, and rejects one out of range', () => {
    const report = reportOf('tests/fixtures/datasets/sms_spam/sms_spam.csv');
    expect(settingsFor(report, { sequenceLength: 20, vocabularySize: 500, seed: 7 })).toMatchObject({ sequenceLength: 20, vocabularySize: 500, seed: 7 });
    expect(() => settingsFor(report, { epochs: 0 })).toThrow(SiftError);
    expect(() => resolveSettings({ backend: 'gpu' as never })).toThrow(/backend must be/);
    expect(() => resolveSettings({ weights: 'int4' as never })).toThrow(/weights must be float32, float16, uint8/);
    expect(resolveSettings({ weights: 'float16' }).weights).toBe('float16');
  });
});
