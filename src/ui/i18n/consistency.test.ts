/**
 * The page says in its own words what the engine says for the CLI: in English the two agree word
 * for word, so the page's catalogue cannot drift from the engine's rules.
 */
import { describe, expect, it } from 'vitest';
import { coverageSentence as cliCoverage, guessSentence as cliGuess, type Coverage } from '@/core/explain/coverage';
import { describeValidationSplit as cliSplit } from '@/core/dataset/split';
import { describePii } from '@/core/dataset/pii';
import type { PiiFound } from '@/core/dataset/types';
import { piiFoundText } from '../data/PersonalData';
import { coverageSentence, guessSentence } from '../explain/coverageWords';
import { describeValidationSplit } from '../evaluate/validationSplit';
import { i18n } from '.';

const t = i18n.getFixedT('en');

describe('the page and the CLI say the same in English', () => {
  it.each([
    { validationShare: 0, trainExamples: 100, validationExamples: 0 },
    { validationShare: 0.1, trainExamples: 5, validationExamples: 0 },
    { validationShare: 0.1, trainExamples: 900, validationExamples: 100 },
    { validationShare: 0.1, trainExamples: 106, validationExamples: 14 },
    { validationShare: 0.2, trainExamples: 130, validationExamples: 20 },
    { validationShare: 0.1, trainExamples: 9000, validationExamples: 1000 },
  ])('how the examples were split: %j', (sizes) => {
    expect(describeValidationSplit(t, sizes)).toBe(cliSplit(sizes).replace(/(\d)(\d{3})\b/g, '$1,$2'));
  });

  const coverage = (c: Partial<Coverage>): Coverage => ({ words: 7, known: 3, partlyKnown: 0, wordsCut: 0, defaultAnswer: false, guess: false, ...c });
  it.each([
    coverage({}),
    coverage({ words: 1, known: 1 }),
    coverage({ words: 0, known: 0, guess: true }),
    coverage({ partlyKnown: 2, wordsCut: 1 }),
    coverage({ wordsCut: 4, known: 0, guess: true }),
    coverage({ known: 0, defaultAnswer: true, guess: true }),
  ])('how much of a text the model knows: %j', (c) => {
    expect(coverageSentence(t, c)).toBe(`${cliCoverage(c)}.`);
    expect(guessSentence(t, c)).toBe(cliGuess(c));
  });

  const pii = (counts: Partial<PiiFound['counts']>, rows: number): PiiFound => {
    const all = { email: 0, phone: 0, card: 0, iban: 0, ip: 0, id: 0, number: 0, ...counts };
    return { counts: all, total: Object.values(all).reduce((a, b) => a + b, 0), rows, examples: [] };
  };
  it.each([
    pii({}, 0),
    pii({ email: 1 }, 1),
    pii({ phone: 312, email: 41 }, 290),
    pii({ card: 2, iban: 1, ip: 1, id: 1, number: 1200 }, 1001),
    pii({ email: 3, phone: 3, number: 3 }, 7),
  ])('the personal data the data check found: %j', (found) => {
    expect(piiFoundText(t, found)).toBe(describePii(found));
  });
});
