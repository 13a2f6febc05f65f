import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { fastPathCharacters, forEachFastWord } from './fastWords';
import { forEachSegmenterWord } from './segment';

const words = (text: string): string[] => {
  const found: string[] = [];
  forEachFastWord(text, (word, start) => {
    found.push(`${start}:${word}`);
    return true;
  });
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
      if (words(text).join('\u0000') !== segmenterWords(text).join('\u0000')) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
