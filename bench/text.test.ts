import { describe, expect, it } from 'vitest';
import { readLabelledCsv } from './csv';
import { parseFastTextPredictions } from './contenders/fasttext';
import { detectLanguage, fastTextTokens, splitHanCharacters } from './text';

const fixture = (path: string): string => new URL(`../tests/fixtures/datasets/${path}`, import.meta.url).pathname;

describe('text preparation for the baselines', () => {
  it.each([
    { path: 'thucnews_titles/thucnews_titles_dev.csv', language: 'zh' },
    { path: 'waimai_10k/waimai_10k.csv', language: 'zh' },
    { path: 'trec/trec_train.csv', language: 'en' },
    { path: 'sms_spam/sms_spam.csv', language: 'en' },
  ])('$path is $language', ({ path, language }) => {
    expect(detectLanguage(readLabelledCsv(fixture(path)).map((r) => r.text))).toBe(language);
  });

  it('splits Chinese into characters and keeps Latin words whole', () => {
    expect(splitHanCharacters('男篮土耳其 邓华德给BABY减压')).toBe('男 篮 土 耳 其 邓 华 德 给 BABY 减 压');
  });

  it('lowercases, separates punctuation and keeps one example per line for fastText', () => {
    expect(fastTextTokens('Free entry!\nText "WIN" to 87121.', 'en')).toBe('free entry ! text " win " to 87121 .');
  });
});

describe('parseFastTextPredictions', () => {
  it('maps label indices back and treats an empty line as no answer', () => {
    expect(parseFastTextPredictions('__label__1\n\n__label__0\n', ['ham', 'spam'], 3)).toEqual(['spam', null, 'ham']);
  });

  it('refuses output that does not line up with the test rows', () => {
    expect(() => parseFastTextPredictions('__label__1\n', ['ham', 'spam'], 2)).toThrow(/1 lines for 2 test rows/);
  });
});
