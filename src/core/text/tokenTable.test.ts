import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { forEachTokenId } from './tokenIds';
import { forEachFastWordSpan } from './fastWords';
import { hashRange, splitBigram, TokenTable } from './tokenTable';
import { DEFAULT_TOKENIZER, forEachToken, type TokenKind } from './tokenize';
import type { TokenizerConfig } from './types';

describe('TokenTable', () => {
  it('gives a word one id whether found in a text, as a string, or again; -1 when unknown', () => {
    const table = new TokenTable();
    const text = 'the cat and the hat';
    const the = table.internRange(text, 0, 3);
    expect(table.internRange(text, 12, 15)).toBe(the);
    expect(table.internString('the')).toBe(the);
    expect(table.findRange('xxthexx', 2, 5)).toBe(the);
    expect(table.findString('cat')).toBe(-1);
    expect(table.token(the)).toBe('the');
    expect(table.size).toBe(1);
  });

  it('gives a bigram an id by its words, writes its string only when asked, and finds it by string too', () => {
    const table = new TokenTable();
    const nyc = table.internPair(table.internString('new'), table.internString('york'));
    expect(table.isPair(nyc)).toBe(true);
    expect(table.tokenLength(nyc)).toBe('new york'.length);
    expect(table.token(nyc)).toBe('new york');
    expect(table.findToken('new york')).toBe(nyc);
    expect(table.findPair(table.findString('york'), table.findString('new'))).toBe(-1);
    expect(table.findPair(-1, table.findString('new'))).toBe(-1);
  });

  it('keeps ids and lookups right through many growths (100,000 words and pairs)', () => {
    const table = new TokenTable();
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}`);
    const ids = words.map((w) => table.internString(w));
    const pairs = ids.map((id, i) => table.internPair(id, ids[(i * 7919) % ids.length]));
    expect(new Set([...ids, ...pairs]).size).toBe(200_000);
    expect(words.every((w, i) => table.findString(w) === ids[i])).toBe(true);
    expect(ids.every((id, i) => table.findPair(id, ids[(i * 7919) % ids.length]) === pairs[i])).toBe(true);
    expect(words.filter((w) => table.findString(`${w}!`) !== -1)).toEqual([]);
    expect(table.token(pairs[3])).toBe(`${words[3]} ${words[(3 * 7919) % words.length]}`);
  });

  it('tells apart words of the same length and the same hash (checked by their characters)', () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | null = null;
    // Random six-letter words (a fixed LCG): among ~100,000 of them, two share a 32-bit hash.
    let seed = 12345;
    const letter = (): string => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(97 + (seed >>> 16) % 26);
    };
    for (let i = 0; pair === null && i < 2_000_000; i++) {
      const word = Array.from({ length: 6 }, letter).join('');
      const hash = hashRange(word, 0, word.length);
      const earlier = byHash.get(hash);
      if (earlier === undefined) byHash.set(hash, word);
      else if (earlier !== word) pair = [earlier, word];
    }
    expect(pair).not.toBeNull();
    const [a, b] = pair as [string, string];
    const table = new TokenTable();
    const text = `${a} ${b}`;
    const idA = table.internRange(text, 0, a.length);
    const idB = table.internRange(text, a.length + 1, text.length);
    expect(idB).not.toBe(idA);
    expect([table.findString(a), table.findString(b), table.token(idA), table.token(idB)]).toEqual([idA, idB, a, b]);
  });

  it('keeps a long token as a string of its own, equal to its text', () => {
    const table = new TokenTable();
    const text = `prefix ${'x'.repeat(40)} suffix`;
    const id = table.internRange(text, 7, 47);
    expect(table.token(id)).toBe('x'.repeat(40));
  });
});

describe('splitBigram', () => {
  it.each([
    ['new york', ['new', 'york']],
    // NFKC turns "´" into " \u0301": a word that starts with a space.
    [' \u0301 x', [' \u0301', 'x']],
    ['x  \u0301', ['x', ' \u0301']],
    ['new', null],
    ['a b c', null],
    ['a ', null],
    ['   ', null],
  ])('%j → %j', (token, expected) => {
    expect(splitBigram(token)).toEqual(expected);
  });
});

/** Tokens of `forEachToken` and ids of `forEachTokenId`, as (token, kind) lists for comparison. */
function bothWays(texts: readonly string[], config: TokenizerConfig): { strings: string[]; ids: string[] } {
  const table = new TokenTable();
  const strings: string[] = [];
  const ids: string[] = [];
  for (const text of texts) {
    forEachToken(text, config, (token, kind) => {
      strings.push(`${kind}:${token}`);
      return true;
    });
    forEachTokenId(text, config, table, true, (id, kind: TokenKind) => {
      ids.push(`${kind}:${table.token(id)}`);
      return true;
    });
  }
  return { strings, ids };
}

describe('forEachTokenId', () => {
  const TRICKY = [
    'e.g. the U.S. at 10:30, a:b and 1,000.50 — “quoted” naïve café',
    'Call +44 20 7946 0958 or mail jo@example.com, ref12345678',
    'acute´accent and ¨diaeresis and don´t',
    '大模型时代创业者的经验教训 and English',
    'soft\u00ADhyphen zero\u200Bwidth',
    '',
    '   ',
  ];

  it.each([
    ['trec/trec_train.csv', DEFAULT_TOKENIZER],
    ['sms_spam/sms_spam.csv', DEFAULT_TOKENIZER],
    ['sms_spam/sms_spam.csv', { ...DEFAULT_TOKENIZER, maskPii: false, lowercase: false }],
    ['thucnews_titles/thucnews_titles_dev.csv', DEFAULT_TOKENIZER],
    ['rt_polarity/rt_polarity.csv', { ...DEFAULT_TOKENIZER, wordBigrams: false }],
  ] as const)('gives the tokens of forEachToken, in order, with their kinds (%s)', (file, config) => {
    const texts = [...readDataset(file).texts.slice(0, 1500), ...TRICKY];
    const { strings, ids } = bothWays(texts, config);
    expect(ids).toEqual(strings);
  });

  it('finds only what the table knows: -1 for the rest, and stops when told', () => {
    const table = new TokenTable();
    forEachTokenId('new york is big', DEFAULT_TOKENIZER, table, true, () => true);
    const seen: string[] = [];
    forEachTokenId('New York was big. 大', DEFAULT_TOKENIZER, table, false, (id, kind) => {
      seen.push(id < 0 ? `${kind}:?` : `${kind}:${table.token(id)}`);
      return seen.length < 8;
    });
    expect(seen).toEqual(['word:new', 'word:york', 'bigram:new york', 'word:?', 'bigram:?', 'word:big', 'bigram:?', 'word:?']);
    expect(table.size).toBe(7);
  });
});

describe('hashRange', () => {
  it('is the hash the scanner gives each word it reads', () => {
    const text = "e.g. don't stop: 1,000.5 naïve — “quoted” a_b";
    const spans: [number, number, number][] = [];
    forEachFastWordSpan(text, (start, end, hash) => {
      spans.push([start, end, hash]);
      return true;
    });
    expect(spans.length).toBeGreaterThan(8);
    expect(spans.filter(([start, end, hash]) => hashRange(text, start, end) !== hash)).toEqual([]);
  });
});
