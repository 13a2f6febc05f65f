import { describe, expect, it } from 'vitest';
import type { DatasetReport } from '@/core/dataset/types';
import { initialState } from '../initialState';
import { applySuggestions, mergeOptions } from './dataSlice';

describe('mergeOptions', () => {
  it.each([
    [{}, { encoding: 'gb18030' }, { encoding: 'gb18030' }],
    [{ delimiter: ';', textColumn: 2 }, { delimiter: '\t', textColumn: undefined }, { delimiter: '\t' }],
    [{ hasHeader: false }, { hasHeader: true }, { hasHeader: true }],
  ] as const)('%j + %j', (base, patch, expected) => {
    expect(mergeOptions(base, patch)).toEqual(expected);
  });
});

describe('applySuggestions', () => {
  const report = { suggestedSequenceLength: 64, suggestedVocabularySize: 8000 } as DatasetReport;

  it('fills sequence length and vocabulary size from the data', () => {
    const settings = applySuggestions(initialState().settings, report);
    expect(settings.values.sequenceLength).toBe(64);
    expect(settings.values.vocabularySize).toBe(8000);
    expect(settings.suggested).toEqual({ sequenceLength: 64, vocabularySize: 8000 });
  });

  it('leaves alone what the person set', () => {
    const base = initialState().settings;
    const touched = { ...base, values: { ...base.values, sequenceLength: 300 }, touched: { sequenceLength: true as const } };
    const settings = applySuggestions(touched, report);
    expect(settings.values.sequenceLength).toBe(300);
    expect(settings.values.vocabularySize).toBe(8000);
  });
});
