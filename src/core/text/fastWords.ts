/**
 * A word splitter that reproduces Intl.Segmenter's word segmentation (Unicode UAX #29 as
 * ICU implements it) for texts made only of Latin, common punctuation and currency characters.
 * Intl.Segmenter costs far more per character than a scan, and English corpora (20 Newsgroups:
 * 20 MB; a million AG News rows: 251 MB) would take minutes through it; this path takes seconds.
 * It is also Sift's rule for such text in every engine (segment.ts): browsers tailor UAX #29
 * (Chromium breaks "u.s" at the "."), and a model must tokenize the same in the page, the CLI and
 * predict.mjs. fastWords.test.ts and tokenize.test.ts check that it agrees with Node's
 * Intl.Segmenter on every character it accepts, in every context.
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
/** White_Space and controls: never tokens (the Segmenter path drops such segments too). */
const SKIPPED = '\\s\\x00-\\x1F\\x7F-\\x9F';

/**
 * Characters the fast path accepts: U+0000..U+02FF except the soft hyphen (a Format character,
 * which UAX #29 attaches to the preceding character), General Punctuation U+2010..U+2027 and
 * U+2030..U+205E (curly quotes, dashes, bullets; not the spaces, separators and invisible
 * formatting characters around them), and Currency Symbols U+20A0..U+20BF.
 */
const OUTSIDE_FAST_PATH = /[^\u0000-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20BF]/;

/** What the scanner needs to know of a character, as bits: its class among those above. */
const LETTER = 1;
const DIGIT = 2;
const JOINER = 4;
const MID_LETTER = 8;
const MID_NUM = 16;
const SKIP = 32;
const WORD = LETTER | DIGIT | JOINER;
/** Characters from here on are in no class of the fast path (White_Space ones are SKIP, see classOf). */
const TABLE_END = 0x20c0;
const SKIPPED_ABOVE_TABLE = new RegExp(`[${SKIPPED}]`);

/**
 * The class bits of every character below TABLE_END (UAX #29's classes above), built from the
 * same class strings, so the scanner and these definitions cannot drift apart.
 */
const CLASSES: Uint8Array = (() => {
  const classes: [string, number][] = [
    [A_LETTER, LETTER],
    [NUMERIC, DIGIT],
    [EXTEND_NUM_LET, JOINER],
    [BETWEEN_LETTERS, MID_LETTER],
    [BETWEEN_DIGITS, MID_NUM],
    [SKIPPED, SKIP],
  ];
  const tests = classes.map(([chars, bit]) => [new RegExp(`[${chars}]`), bit] as const);
  const table = new Uint8Array(TABLE_END);
  for (let code = 0; code < TABLE_END; code++) {
    const char = String.fromCharCode(code);
    for (const [test, bit] of tests) if (test.test(char)) table[code] |= bit;
  }
  return table;
})();

/** FNV-1a over UTF-16 units: the scanner hashes each word as it reads it, for TokenTable to look it up. */
export const HASH_SEED = 0x811c9dc5;
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function classOf(code: number): number {
  if (code < TABLE_END) return CLASSES[code];
  return SKIPPED_ABOVE_TABLE.test(String.fromCharCode(code)) ? SKIP : 0;
}

/**
 * Calls `visit(start, end, hash)` for each word or punctuation token of `text` in order ([start,
 * end) in UTF-16 units; `hash`: of its characters, see hashStep); stops when `visit` returns false. A word is a run of word characters, optionally
 * joined by single "middle" characters between two letters or two digits (rules WB6, WB7, WB11,
 * WB12); any other character that is not skipped is a token of its own (WB999), so "hello!!!"
 * gives hello / ! / ! / !. A scanner over a class table rather than a regex: it makes no string,
 * so a caller that only looks tokens up (trainingCorpus.ts) allocates nothing per word. Only
 * valid when `fastPathApplies(text)`.
 */
export function forEachFastWordSpan(text: string, visit: (start: number, end: number, hash: number) => boolean): void {
  const length = text.length;
  let position = 0;
  while (position < length) {
    const first = text.charCodeAt(position);
    const kind = classOf(first);
    if (kind & SKIP) {
      position++;
      continue;
    }
    let hash = hashStep(HASH_SEED, first);
    let end = position + 1;
    if (kind & WORD) {
      for (;;) {
        for (; end < length; end++) {
          const code = text.charCodeAt(end);
          if (!(classOf(code) & WORD)) break;
          hash = hashStep(hash, code);
        }
        if (end + 1 >= length) break;
        const middle = text.charCodeAt(end);
        const middleKind = classOf(middle);
        const before = classOf(text.charCodeAt(end - 1));
        const after = classOf(text.charCodeAt(end + 1));
        const joinsLetters = middleKind & MID_LETTER && before & LETTER && after & LETTER;
        const joinsDigits = middleKind & MID_NUM && before & DIGIT && after & DIGIT;
        if (!joinsLetters && !joinsDigits) break;
        hash = hashStep(hashStep(hash, middle), text.charCodeAt(end + 1));
        end += 2;
      }
    }
    if (!visit(position, end, hash)) return;
    position = end;
  }
}

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
  forEachFastWordSpan(text, (start, end) => visit(text.slice(start, end), start));
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
