/**
 * A regex word splitter that reproduces Intl.Segmenter's word segmentation (Unicode UAX #29 as
 * ICU implements it) for texts made only of Latin, common punctuation and currency characters.
 * Intl.Segmenter costs far more per character than a regex, and English corpora (20 Newsgroups:
 * 20 MB) would take minutes through it; this path takes seconds. It is also Sift's rule for such
 * text in every engine (segment.ts): browsers tailor UAX #29 (Chromium breaks "u.s" at the "."),
 * and a model must tokenize the same in the page, the CLI and predict.mjs. tokenize.test.ts checks
 * that it agrees with Node's Intl.Segmenter on every character it accepts, in every context.
 */

// Word_Break property values of the characters the fast path accepts (UAX #29, WordBreakProperty.txt).
/** ALetter: letters, the cedilla, modifier letters and symbols U+02C2..U+02D7, U+02DE..U+02FF. */
const A_LETTER = 'A-Za-z\\u00AA\\u00B5\\u00B8\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02D7\\u02DE-\\u02FF';
const NUMERIC = '0-9';
/** ExtendNumLet: joins letters and digits ("snake_case"). */
const EXTEND_NUM_LET = '_\\u203F\\u2040\\u2054';
/** MidLetter, MidNumLet and Single_Quote: join two letters ("don't", "e.g", "a:b"). */
const BETWEEN_LETTERS = ":\\u00B7.'\\u2018\\u2019\\u2024\\u2027";
/** MidNum, MidNumLet and Single_Quote: join two digits ("1,000.5"). */
const BETWEEN_DIGITS = ",;.'\\u2018\\u2019\\u2024\\u2044";
const WORD_CHAR = A_LETTER + NUMERIC + EXTEND_NUM_LET;
/** White_Space and controls: never tokens (the Segmenter path drops such segments too). */
const SKIPPED = '\\s\\x00-\\x1F\\x7F-\\x9F';

/**
 * Characters the fast path accepts: U+0000..U+02FF except the soft hyphen (a Format character,
 * which UAX #29 attaches to the preceding character), General Punctuation U+2010..U+2027 and
 * U+2030..U+205E (curly quotes, dashes, bullets; not the spaces, separators and invisible
 * formatting characters around them), and Currency Symbols U+20A0..U+20BF.
 */
const OUTSIDE_FAST_PATH = /[^\u0000-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20BF]/;

/**
 * A word: word characters, optionally joined by single "middle" characters between two letters
 * or two digits (rules WB6, WB7, WB11, WB12). Anything else that is not skipped is a token of its
 * own (WB999), so "hello!!!" gives hello / ! / ! / !.
 */
const FAST_TOKEN = new RegExp(
  `[${WORD_CHAR}]+(?:(?:(?<=[${A_LETTER}])[${BETWEEN_LETTERS}](?=[${A_LETTER}])|(?<=[${NUMERIC}])[${BETWEEN_DIGITS}](?=[${NUMERIC}]))[${WORD_CHAR}]+)*|[^${WORD_CHAR}${SKIPPED}]`,
  'g',
);

/**
 * The fast path's characters in two tiers for checking them against Intl.Segmenter: 'latin1'
 * (U+0000..U+00FF, enough for most English, French, German… text) and 'all'.
 */
export type FastPathTier = 'latin1' | 'all';

const OUTSIDE_LATIN1 = /[^\u0000-\u00FF]/;

/** The tier that covers every character of `text` (assuming fastPathApplies). */
export function fastPathTier(text: string): FastPathTier {
  return OUTSIDE_LATIN1.test(text) ? 'all' : 'latin1';
}

/** True when every character of `text` is one the fast path handles exactly. */
export function fastPathApplies(text: string): boolean {
  return !OUTSIDE_FAST_PATH.test(text);
}

/**
 * Calls `visit(word, start)` for each word or punctuation token of `text` in order, where `start`
 * is the token's UTF-16 offset; stops when `visit` returns false. Only valid when
 * `fastPathApplies(text)`.
 */
export function forEachFastWord(text: string, visit: (word: string, start: number) => boolean): void {
  // lastIndex is set before every exec, so a visitor that tokenizes another text cannot disturb this loop.
  for (let position = 0; ; ) {
    FAST_TOKEN.lastIndex = position;
    const match = FAST_TOKEN.exec(text);
    if (match === null) return;
    position = FAST_TOKEN.lastIndex;
    if (!visit(match[0], match.index)) return;
  }
}

/** Every character the fast path accepts, in code point order (used to check it against the Segmenter). */
export function fastPathCharacters(tier: FastPathTier = 'all'): string[] {
  const chars: string[] = [];
  for (let code = 0; code <= (tier === 'latin1' ? 0xff : 0x20bf); code++) {
    const char = String.fromCharCode(code);
    if (fastPathApplies(char)) chars.push(char);
  }
  return chars;
}
