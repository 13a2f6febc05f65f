import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { fastPathCharacters, FastWordRules, forEachFastWord, learnFastWordRules, MIDDLE_OF_DIGITS, MIDDLE_OF_LETTERS, STANDARD_RULES } from './fastWords';
import { fastWordRulesFor, forEachSegmenterWord } from './segment';

const words = (text: string, rules: FastWordRules = STANDARD_RULES): string[] => {
  const found: string[] = [];
  forEachFastWord(text, (word, start) => {
    found.push(`${start}:${word}`);
    return true;
  }, rules);
  return found;
};

const segmenterWords = (text: string): string[] => {
  const found: string[] = [];
  forEachSegmenterWord(text, 'en', (word, start) => {
    found.push(`${start}:${word}`);
    return true;
  });
  return found;
};

describe('learnFastWordRules', () => {
  /** A Segmenter like Chromium 156's: "a.b" and "a:b" are three segments, digits join as UAX #29 says. */
  const chromium156 = (text: string): string[] => (/^a[.:]b$/.test(text) ? [text[0], text[1], text[2]] : [text]);

  it('keeps UAX #29 as written where the Segmenter joins on every middle character (Node 20)', () => {
    expect(fastWordRulesFor('en')).toBe(STANDARD_RULES);
    expect(learnFastWordRules((text) => [text])).toBe(STANDARD_RULES);
  });

  it('drops the middle characters the Segmenter does not join on, between letters only', () => {
    const rules = learnFastWordRules(chromium156);
    expect(rules.lettersNotJoined).toEqual(['.', ':']);
    expect(rules.digitsNotJoined).toEqual([]);
    expect(words('e.g. 10.5 a:b don\'t', rules)).toEqual(['0:e', '1:.', '2:g', '3:.', '5:10.5', '10:a', '11::', '12:b', '14:don\'t']);
    expect(words('e.g. 10.5 a:b don\'t')).toEqual(['0:e.g', '3:.', '5:10.5', '10:a:b', '14:don\'t']);
  });

  it('asks about each middle character once, in both contexts', () => {
    const asked: string[] = [];
    learnFastWordRules((text) => {
      asked.push(text);
      return [text];
    });
    expect(asked).toHaveLength(MIDDLE_OF_LETTERS.length + MIDDLE_OF_DIGITS.length);
    expect(asked).toContain('a.b');
    expect(asked).toContain('1,2');
  });
});

describe('the fast word scanner', () => {
  it('agrees with Intl.Segmenter on random strings of the characters it accepts (seeded)', () => {
    const chars = fastPathCharacters('all');
    // Letters, digits and spaces often, so that words and joins form; every other character too.
    const common = 'aaaeeiioo11 2  .,\'_:'.split('');
    const random = createRandom(12);
    const disagreements: string[] = [];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += random() < 0.8 ? common[Math.floor(random() * common.length)] : chars[Math.floor(random() * chars.length)];
      if (words(text, fastWordRulesFor('en')).join('\u0000') !== segmenterWords(text).join('\u0000')) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
