import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { normalizeText } from '../text/normalize';
import { PII_PLACEHOLDERS } from '../text/pii';
import { DEFAULT_TOKENIZER, tokenize, wordTokens } from '../text/tokenize';
import type { TokenizerConfig } from '../text/types';
import { normalizeWithOffsets } from './normalizedOffsets';
import { textPieces, tokenizeWithWords } from './textWords';

const config = (overrides: Partial<TokenizerConfig> = {}): TokenizerConfig => ({ ...DEFAULT_TOKENIZER, ...overrides });

/** "word@start-end" per word, ranges in the original text. */
function wordRanges(text: string, overrides: Partial<TokenizerConfig> = {}): string[] {
  return tokenizeWithWords(text, config(overrides)).words.map((w) => `${w.text}@${w.start}-${w.end}`);
}

describe('normalizeWithOffsets', () => {
  it.each<[string, string, Partial<TokenizerConfig>]>([
    ['full-width letters and digits', 'ＡＢＣ１２３\u3000ｔｅｓｔ', {}],
    ['ligature and ellipsis', 'ﬁne…', {}],
    ['dotted capital I (lowercasing lengthens it)', 'İstanbul İZMİR', {}],
    ['mathematical bold (surrogate pairs → one unit)', '𝐇𝐞𝐥𝐥𝐨 world', {}],
    ['decomposed Hangul (three jamo → one syllable)', '한국어 좋아요'.normalize('NFD'), {}],
    ['Greek final sigma (lowercasing looks at the neighbours)', 'ΟΔΟΣ ΚΑΛΟΣ', {}],
    ['invisible characters removed, zero-width space made a space', 'co\u00ADop\u200Bb\uFEFF', {}],
    ['no normalisation at all', 'ＡＢＣ ﬁ', { normalization: 'none', lowercase: false }],
    ['lowercasing only', 'İSTANBUL', { normalization: 'none' }],
    ['empty', '', {}],
  ])('%s: the text is exactly normalizeText, every unit mapped inside the original', (_name, text, overrides) => {
    const mapped = normalizeWithOffsets(text, config(overrides));
    expect(mapped.text).toBe(normalizeText(text, config(overrides)));
    for (let i = 0; i < mapped.text.length; i++) {
      expect(mapped.originalStart[i]).toBeGreaterThanOrEqual(0);
      expect(mapped.originalEnd[i]).toBeGreaterThan(mapped.originalStart[i]);
      expect(mapped.originalEnd[i]).toBeLessThanOrEqual(text.length);
      if (i > 0) expect(mapped.originalStart[i]).toBeGreaterThanOrEqual(mapped.originalStart[i - 1]);
    }
  });
});

describe('tokenizeWithWords: words with their ranges in the ORIGINAL text', () => {
  it.each<[string, string, string[]]>([
    ['full-width (same length)', 'ＡＢＣ１２３\u3000ｔｅｓｔ', ['abc123@0-6', 'test@7-11']],
    ['ligature and ellipsis (longer)', 'ﬁne…', ['fine@0-3', '.@3-4', '.@3-4', '.@3-4']],
    ['dotted capital I (longer when lowercased)', 'İstanbul İZMİR', ['i̇stanbul@0-8', 'i̇zmi̇r@9-14']],
    ['surrogate pairs (shorter)', '𝐇𝐞𝐥𝐥𝐨 world', ['hello@0-10', 'world@11-16']],
    ['Greek final sigma', 'ΟΔΟΣ ΚΑΛΟΣ', ['οδος@0-4', 'καλος@5-10']],
    ['soft hyphen removed', 'co\u00ADop now', ['coop@0-5', 'now@6-9']],
    ['Chinese without spaces', '大模型时代', ['大@0-1', '模型@1-3', '时代@3-5']],
  ])('%s', (_name, text, expected) => {
    expect(wordRanges(text)).toEqual(expected);
  });

  it('maps decomposed Hangul back to its jamo', () => {
    const text = '한국어 좋아요'.normalize('NFD');
    const words = tokenizeWithWords(text, config()).words;
    expect(words.map((w) => w.text)).toEqual(wordTokens(text, config()));
    expect(words.map((w) => text.slice(w.start, w.end).normalize('NFC'))).toEqual(['한국어', '좋아요']);
    expect(words[words.length - 1].end).toBe(text.length);
  });

  it('marks punctuation and symbols', () => {
    const words = tokenizeWithWords('WIN £1000 cash!!! 好。', config()).words;
    expect(words.filter((w) => w.punctuation).map((w) => w.text)).toEqual(['£', '!', '!', '!', '。']);
  });

  it('credits tokens to the words they cover, CJK character n-grams included', () => {
    const { words, tokens } = tokenizeWithWords('大模型时代', config());
    const covered = tokens.map((t) => `${t.token}:${words.slice(t.firstWord, t.lastWord + 1).map((w) => w.text).join('+')}`);
    expect(covered).toEqual([
      '大:大',
      '模:模型',
      '大模:大+模型',
      '模型:模型',
      '大 模型:大+模型',
      '型:模型',
      '时:时代',
      '型时:模型+时代',
      '时代:时代',
      '模型 时代:模型+时代',
      '代:时代',
    ]);
  });

  // Real texts in four scripts; the tokens must be tokenize's, each covering the words its text spans.
  it.each([
    ['thucnews_titles/thucnews_titles_dev.csv'],
    ['waimai_10k/waimai_10k.csv'],
    ['sms_spam/sms_spam.csv'],
    ['rt_polarity/rt_polarity.csv'],
  ])('%s: same tokens as tokenize, each covering the words it spans', (file) => {
    const { texts } = readDataset(file);
    for (const text of texts.slice(0, 300)) {
      const { words, tokens } = tokenizeWithWords(text, config());
      expect(tokens.map((t) => t.token)).toEqual(tokenize(text, config()));
      expect(words.map((w) => w.text)).toEqual(wordTokens(text, config()));
      for (const t of tokens) {
        const span = words.slice(t.firstWord, t.lastWord + 1).map((w) => w.text);
        if (t.kind === 'word') expect(span).toEqual([t.token]);
        else if (t.kind === 'bigram') expect(span.join(' ')).toBe(t.token);
        else expect(span.join('')).toContain(t.token);
      }
      // A masked span is one word, `<phone>` say, covering the digits it replaced.
      const placeholders = new Set(Object.values(PII_PLACEHOLDERS));
      for (const w of words) {
        if (placeholders.has(w.text)) expect(normalizeText(text.slice(w.start, w.end), config())).toMatch(/[\d@:]/);
        else expect(normalizeText(text.slice(w.start, w.end), config())).toContain(w.text);
      }
    }
  });

  it('cuts the original text into pieces that cover it exactly', () => {
    const text = '  ﬁne… WIN! 大模型 ';
    const { words } = tokenizeWithWords(text, config());
    const pieces = textPieces(text.length, words);
    expect(pieces.map((p) => text.slice(p.start, p.end)).join('')).toBe(text);
    expect(pieces.map((p) => `${text.slice(p.start, p.end)}:${p.words.map((w) => words[w].text).join('|')}`)).toEqual([
      '  :',
      'ﬁne:fine',
      '…:.|.|.',
      ' :',
      'WIN:win',
      '!:!',
      ' :',
      '大:大',
      '模型:模型',
      ' :',
    ]);
    expect(textPieces(0, [])).toEqual([]);
  });
});
