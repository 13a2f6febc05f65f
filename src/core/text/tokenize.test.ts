import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { DEFAULT_SETTINGS, tokenizerConfigOf } from '../settings';
import { fastPathApplies, fastPathTier, forEachFastWord } from './fastWords';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { normalizeText } from './normalize';
import { fastPathDisagreements, fastPathProbes, forEachSegmenterWord, forEachWord } from './segment';
import { DEFAULT_TOKENIZER, forEachToken, forEachTokenWithSpan, tokenize, wordTokens, type TokenKind } from './tokenize';
import type { TokenizerConfig } from './types';

const words = (text: string, config: Partial<TokenizerConfig> = {}): string => wordTokens(text, { ...DEFAULT_TOKENIZER, ...config }).join(' / ');
const tokens = (text: string, config: Partial<TokenizerConfig> = {}): string[] => tokenize(text, { ...DEFAULT_TOKENIZER, ...config });

describe('DEFAULT_TOKENIZER', () => {
  it('is the tokenizer of the default settings', () => {
    expect(DEFAULT_TOKENIZER).toEqual(tokenizerConfigOf(DEFAULT_SETTINGS));
    expect(DEFAULT_TOKENIZER).toEqual({ normalization: 'NFKC', lowercase: true, wordBigrams: true, cjkCharNgrams: 2, locale: 'zh', maskPii: true });
  });
});

describe('wordTokens', () => {
  it.each<[string, string, Partial<TokenizerConfig>, string]>([
    ['Chinese words without spaces', '大模型时代创业者的经验教训', {}, '大 / 模型 / 时代 / 创业 / 者 / 的 / 经验 / 教训'],
    ['Japanese words without spaces', '東京都に住んでいます', {}, '東京 / 都 / に / 住 / んで / い / ます'],
    ['Chinese mixed with Latin', '男篮土耳其生活菜肴丰盛吃不饱 邓华德给BABY减压', {}, '男 / 篮 / 土耳其 / 生活 / 菜肴 / 丰盛 / 吃 / 不 / 饱 / 邓 / 华德 / 给 / baby / 减 / 压'],
    ['full-width letters and digits (NFKC)', 'ＡＢＣ１２３', {}, 'abc123'],
    ['full-width kept without normalisation', 'ＡＢＣ１２３', { normalization: 'none', lowercase: false }, 'ＡＢＣ１２３'],
    ['case kept when lowercase is off', 'Hello World', { lowercase: false }, 'Hello / World'],
    ['ligature and ellipsis (NFKC)', 'ﬁne…', {}, 'fine / . / . / .'],
    ['punctuation and symbols are tokens, whitespace is not', 'WIN £1000 cash!!!\tCall\r\nnow?', {}, 'win / £ / 1000 / cash / ! / ! / ! / call / now / ?'],
    ['apostrophes, decimals, abbreviations', "Don't pay $3.50 e.g. U.S.A.", {}, "don't / pay / $ / 3.50 / e.g / . / u.s.a / ."],
    ['curly quotes join like straight ones', 'It’s “fine” — really', {}, 'it’s / “ / fine / ” / — / really'],
    ['controls are dropped; invisible characters removed (NFKC mode)', '\u0000co\u00ADop\u200Bb\uFEFF\u200E', {}, 'coop / b'],
    ['invisible characters kept without normalisation', 'co\u00ADop b\uFEFF', { normalization: 'none' }, 'co\u00ADop / b\uFEFF'],
    ['empty text', '', {}, ''],
    ['whitespace only', ' \n\t\u3000', {}, ''],
  ])('%s', (_name, text, config, expected) => {
    expect(words(text, config)).toBe(expected);
  });

  it('rejects a locale that is not a language tag', () => {
    expect(() => wordTokens('a', { ...DEFAULT_TOKENIZER, locale: 'not a locale!' })).toThrow(SiftError);
    try {
      wordTokens('a', { ...DEFAULT_TOKENIZER, locale: 'not a locale!' });
    } catch (e) {
      expect((e as SiftError).code).toBe('INVALID_OPTION');
    }
  });
});

describe('tokenize', () => {
  it('interleaves bigrams so a prefix of the tokens covers a prefix of the text', () => {
    expect(tokens('New York is big')).toEqual(['new', 'york', 'new york', 'is', 'york is', 'big', 'is big']);
  });

  it('gives the words alone without bigrams and n-grams', () => {
    expect(tokens('New York is big', { wordBigrams: false })).toEqual(['new', 'york', 'is', 'big']);
    expect(tokens('大模型时代', { wordBigrams: false, cjkCharNgrams: 0 })).toEqual(['大', '模型', '时代']);
  });

  it('adds CJK characters that are not words and character n-grams across the run, in text order', () => {
    expect(tokens('大模型时代', { wordBigrams: false })).toEqual(['大', '模', '大模', '模型', '型', '时', '型时', '时代', '代']);
    expect(tokens('大模型时代')).toEqual(['大', '模', '大模', '模型', '大 模型', '型', '时', '型时', '时代', '模型 时代', '代']);
    expect(tokens('大模型时代', { wordBigrams: false, cjkCharNgrams: 3 })).toEqual([
      '大', '模', '大模', '模型', '型', '大模型', '时', '型时', '模型时', '时代', '代', '型时代',
    ]);
  });

  it('does not run character n-grams across non-CJK characters', () => {
    expect(tokens('中文 ok 日本', { wordBigrams: false })).toEqual(['中', '中文', '文', 'ok', '日', '日本', '本']);
    expect(tokens('한국어 테스트', { wordBigrams: false })).toEqual(['한', '국', '한국', '한국어', '어', '국어', '테', '스', '테스', '테스트', '트', '스트']);
  });

  it('labels each token with its kind', () => {
    const kinds: string[] = [];
    forEachToken('我们 ok', DEFAULT_TOKENIZER, (token: string, kind: TokenKind) => {
      kinds.push(`${kind}:${token}`);
      return true;
    });
    expect(kinds).toEqual(['char:我', 'word:我们', 'char:们', 'word:ok', 'bigram:我们 ok']);
  });

  it.each([
    ['trec/trec_train.csv'],
    ['sms_spam/sms_spam.csv'],
    ['thucnews_titles/thucnews_titles_dev.csv'],
  ])('tokens of a text cut at a space are a prefix of the whole text\'s tokens (%s)', (file) => {
    let checked = 0;
    for (const text of readDataset(file).texts) {
      const cut = text.lastIndexOf(' ');
      if (cut <= 0) continue;
      const whole = tokenize(text, DEFAULT_TOKENIZER);
      const prefix = tokenize(text.slice(0, cut), DEFAULT_TOKENIZER);
      expect(whole.slice(0, prefix.length)).toEqual(prefix);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('fast path', () => {
  const collect = (run: (visit: (word: string, start: number) => boolean) => void): string[] => {
    const found: string[] = [];
    run((word, start) => {
      found.push(`${start}:${word}`);
      return true;
    });
    return found;
  };

  it.each([['zh'], ['en'], ['ja']])('agrees with Intl.Segmenter on every character it accepts in every context (%s)', (locale) => {
    expect(fastPathDisagreements(locale)).toEqual([]);
    expect(fastPathDisagreements(locale, 'latin1')).toEqual([]);
  });

  it('checks Latin-1 text against a subset of the probes, which "all" covers', () => {
    const latin1 = fastPathProbes('latin1').join('');
    expect(latin1.length).toBeGreaterThan(1000);
    expect(latin1.length).toBeLessThan(fastPathProbes('all').join('').length / 3);
    expect([...latin1].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(fastPathTier('naïve café')).toBe('latin1');
    expect(fastPathTier('naïve “café”')).toBe('all');
  });

  it.each([
    ['trec/trec_train.csv', true],
    ['trec/trec_test.csv', true],
    ['sms_spam/sms_spam.csv', true],
    ['sms_spam/sms_spam.csv', false],
    ['rt_polarity/rt_polarity.csv', true],
  ])('gives exactly the Segmenter\'s tokens on real English data (%s, lowercase %s)', (file, lowercase) => {
    const texts = readDataset(file).texts.map((text) => normalizeText(text, { normalization: 'NFKC', lowercase }));
    const fast = texts.filter(fastPathApplies);
    expect(fast.length / texts.length).toBeGreaterThan(0.95);
    for (const text of fast) {
      expect(collect((v) => forEachFastWord(text, v))).toEqual(collect((v) => forEachSegmenterWord(text, 'zh', v)));
    }
  });

  it('splits each Latin piece of a text that mixes scripts, so "u.s" stays one word in any engine', () => {
    // Chromium 156's Segmenter breaks "u.s" and "www.example.com" at the "."; Node's keeps them whole, as UAX #29 does.
    const words: string[] = [];
    forEachWord('美国u.s.总统 说 e.g. 很好 www.example.com。', 'zh', (word, start) => {
      words.push(`${start}:${word}`);
      return true;
    });
    expect(words).toEqual(['0:美国', '2:u.s', '5:.', '6:总统', '9:说', '11:e.g', '14:.', '16:很好', '19:www.example.com', '34:。']);
  });

  it.each(['thucnews_titles/thucnews_titles_dev.csv', 'waimai_10k/waimai_10k.csv'])(
    "gives mixed texts exactly Node's Segmenter tokens (%s): splitting out the Latin pieces changes nothing here",
    (file) => {
      const texts = readDataset(file).texts.map((text) => normalizeText(text, { normalization: 'NFKC', lowercase: true }));
      for (const text of texts.filter((t) => !fastPathApplies(t))) {
        expect(collect((v) => forEachWord(text, 'zh', v))).toEqual(collect((v) => forEachSegmenterWord(text, 'zh', v)));
      }
    },
  );

  it('is not used for text it does not handle', () => {
    expect(fastPathApplies('plain ascii, £5 – “quoted”')).toBe(true);
    for (const text of ['中文', 'soft\u00ADhyphen', 'emoji 😀', 'Ελληνικά', 'zero\u200Bwidth', 'a\u0301']) expect(fastPathApplies(text)).toBe(false);
  });
});

describe('Segmenter path on long texts', () => {
  it('segments a long text in chunks exactly as it segments its lines one by one', () => {
    const titles = readDataset('thucnews_titles/thucnews_titles_dev.csv').texts.slice(0, 3000);
    for (const separator of ['\n', '。']) {
      const joined = titles.join(separator);
      const expected: string[] = [];
      let offset = 0;
      for (const title of titles) {
        forEachSegmenterWord(title, 'zh', (word, start) => {
          expected.push(`${offset + start}:${word}`);
          return true;
        });
        offset += title.length;
        if (separator.trim() !== '' && offset < joined.length) expected.push(`${offset}:${separator}`);
        offset += separator.length;
      }
      const actual: string[] = [];
      forEachSegmenterWord(joined, 'zh', (word, start) => {
        actual.push(`${start}:${word}`);
        return true;
      });
      expect(joined.length).toBeGreaterThan(50_000);
      expect(actual).toEqual(expected);
    }
  });

  it('never splits a surrogate pair, even in a text without any break', () => {
    const text = '𠀀'.repeat(3000);
    const all = wordTokens(text, DEFAULT_TOKENIZER);
    expect(all.join('')).toBe(text);
    for (const token of all) expect(token).toMatch(/^(?:[\uD800-\uDBFF][\uDC00-\uDFFF])+$/);
  });
});

describe('forEachTokenWithSpan', () => {
  const spans = (text: string): string[] => {
    const normalized = normalizeText(text, DEFAULT_TOKENIZER);
    const out: string[] = [];
    forEachTokenWithSpan(normalized, DEFAULT_TOKENIZER, (token, kind, start, end) => {
      out.push(`${kind}:${token}@${normalized.slice(start, end)}`);
      return true;
    });
    return out;
  };

  it('gives the tokens of forEachToken, each with the text it spans in the normalised text', () => {
    expect(spans('New  York!')).toEqual(['word:new@new', 'word:york@york', 'bigram:new york@new  york', 'word:!@!', 'bigram:york !@york!']);
    expect(spans('大模型')).toEqual(['word:大@大', 'char:模@模', 'char:大模@大模', 'word:模型@模型', 'bigram:大 模型@大模型', 'char:型@型']);
  });

  it('agrees with tokenize on real texts', () => {
    const { texts } = readDataset('thucnews_titles/thucnews_titles_dev.csv');
    for (const text of texts.slice(0, 200)) {
      const tokens: string[] = [];
      const normalized = normalizeText(text, DEFAULT_TOKENIZER);
      forEachTokenWithSpan(normalized, DEFAULT_TOKENIZER, (token, kind, start, end) => {
        tokens.push(token);
        if (kind !== 'bigram') expect(normalized.slice(start, end)).toBe(token);
        return true;
      });
      expect(tokens).toEqual(tokenize(text, DEFAULT_TOKENIZER));
    }
  });
});
