import { SiftError } from '../errors';
import { fastPathApplies, fastPathCharacters, forEachFastWord, type FastPathTier } from './fastWords';

/**
 * Word segmentation with Intl.Segmenter (UAX #29 plus ICU's dictionaries, so Chinese and Japanese
 * are split into words without spaces), keeping punctuation and symbols as tokens ("!", "$" carry
 * signal) and dropping whitespace and invisible control/format characters.
 */

/** Segments made only of these are not tokens. */
const SKIPPED_SEGMENT = /^[\p{White_Space}\p{Cc}\p{Cf}]+$/u;

/**
 * Intl.Segmenter's time grows with the square of the string length in V8 (64 K characters take
 * over a second, 1 K a fraction of a millisecond), so long texts are segmented in chunks cut where
 * UAX #29 always breaks anyway: just before whitespace or CJK sentence punctuation.
 */
const CHUNK_MAX = 1024;
const CHUNK_MIN = CHUNK_MAX / 2;
const SAFE_CUT_BEFORE = /[\s\u3001\u3002\uFF01\uFF0C\uFF1A\uFF1B\uFF1F]/;

const segmenters = new Map<string, Intl.Segmenter>();

/** One Segmenter per locale, reused: constructing one costs more than segmenting a sentence. */
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    } catch {
      throw new SiftError('INVALID_OPTION', `The tokenizer locale "${locale}" is not a valid language tag; use e.g. "zh", "ja" or "en".`);
    }
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Where to end the chunk that starts at `start`: just before a safe break, at most CHUNK_MAX later. */
function chunkEnd(text: string, start: number): number {
  const limit = start + CHUNK_MAX;
  if (limit >= text.length) return text.length;
  for (let cut = limit; cut > start + CHUNK_MIN; cut--) {
    if (SAFE_CUT_BEFORE.test(text[cut])) return cut;
  }
  // No safe break in the window (one enormous "word"): cut anyway, but never inside a surrogate pair.
  const code = text.charCodeAt(limit);
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit;
}

/** The Segmenter path of `forEachWord`, exported so tests can compare both paths. */
export function forEachSegmenterWord(text: string, locale: string, visit: (word: string, start: number) => boolean): void {
  const segmenter = segmenterFor(locale);
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start);
    const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
    for (const { segment, index } of segmenter.segment(chunk)) {
      if (SKIPPED_SEGMENT.test(segment)) continue;
      if (!visit(segment, start + index)) return;
    }
    start = end;
  }
}

/**
 * Calls `visit(word, start)` for each word and punctuation token of an already normalised text in
 * order (`start` = UTF-16 offset); stops early when `visit` returns false, so truncated encoding
 * does not segment the rest of a long text.
 *
 * Text made of the fast path's characters (Latin, common punctuation) is split by the fast path
 * (UAX #29's rules, as Node's ICU applies them), everywhere, and so is each whitespace-separated
 * piece of such characters in a text that also holds others (Chinese, emoji…); only the rest goes
 * to Intl.Segmenter. Engines tailor UAX #29: Chromium 156 breaks "u.s", "e.g" and
 * "www.example.com" at the "." (and "a:b" at the ":") where Node keeps them whole, so with the
 * Segmenter alone the same text gave the page and the CLI different tokens, and a model
 * exported from one predicted differently in the other (tests/e2e/runtime.e2e.ts).
 */
export function forEachWord(text: string, locale: string, visit: (word: string, start: number) => boolean): void {
  segmenterFor(locale); // a bad locale fails on every text, not only on those the fast path cannot take
  if (fastPathApplies(text)) forEachFastWord(text, visit);
  else forEachMixedWord(text, locale, visit);
}

/**
 * A piece between white space (the Unicode property: U+FEFF is not, though JS's \s says it is)
 * made only of the fast path's characters (fastWords.ts's OUTSIDE_FAST_PATH, less white space).
 * UAX #29 always breaks between white space and what follows or precedes it, so such a piece is
 * split alone. One regex finds them all in a single pass.
 */
const FAST_PIECE = /(?<![^\p{White_Space}])[\x00-\x08\x0E-\x1F\x21-\x84\x86-\x9F\xA1-\xAC\xAE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20BF]+(?![^\p{White_Space}])/gu;

/** forEachWord for a text with characters outside the fast path: its fast pieces by the fast path, the text between them by the Segmenter. */
function forEachMixedWord(text: string, locale: string, visit: (word: string, start: number) => boolean): void {
  let going = true;
  const shifted = (offset: number) => (word: string, start: number) => (going = visit(word, offset + start));
  let done = 0; // text before this offset was given
  // exec with lastIndex set each time, not matchAll (which copies the regex per text): visitors may tokenize other texts meanwhile.
  for (;;) {
    FAST_PIECE.lastIndex = done;
    const match = FAST_PIECE.exec(text);
    if (match === null) break;
    if (match.index > done) forEachSegmenterWord(text.slice(done, match.index), locale, shifted(done));
    if (going) forEachFastWord(match[0], shifted(match.index));
    if (!going) return;
    done = match.index + match[0].length;
  }
  if (done < text.length) forEachSegmenterWord(done === 0 ? text : text.slice(done), locale, shifted(done));
}

/**
 * Texts in which every character the fast path accepts (of one tier) appears in the contexts
 * UAX #29 rules look at (between letters, between digits, doubled, next to "_", at either end),
 * 16 characters each.
 */
export function fastPathProbes(tier: FastPathTier = 'all'): string[] {
  const probes: string[] = [];
  const chars = fastPathCharacters(tier);
  for (let i = 0; i < chars.length; i += 16) {
    probes.push(chars.slice(i, i + 16).map((c) => `a${c}b 1${c}2 ${c}${c}x _${c}_ a1${c}2b x${c}1 9${c}y ${c}a${c} é${c}ß`).join(' '));
  }
  return probes;
}

/** Probes on which the two paths disagree for `locale` (empty where the fast path is exact). */
export function fastPathDisagreements(locale: string, tier: FastPathTier = 'all'): string[] {
  const collect = (run: (visit: (word: string, start: number) => boolean) => void): string => {
    const words: string[] = [];
    run((word, start) => {
      words.push(`${start}:${word}`);
      return true;
    });
    return words.join('\u0000');
  };
  return fastPathProbes(tier).filter(
    (probe) => collect((v) => forEachFastWord(probe, v)) !== collect((v) => forEachSegmenterWord(probe, locale, v)),
  );
}
