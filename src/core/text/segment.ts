import { SiftError } from '../errors';
import { fastPathApplies, fastPathCharacters, fastPathTier, forEachFastWord, learnFastWordRules, type FastPathTier, type FastWordRules } from './fastWords';

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
/** Per locale: the fast path's rules, learnt from the Segmenter. */
const rulesByLocale = new Map<string, FastWordRules>();
/** Per tier, per locale: those rules if the fast path then agrees with the Segmenter, else null (a map per tier: no key string made per text). */
const fastPathAgrees: Record<FastPathTier, Map<string, FastWordRules | null>> = { latin1: new Map(), all: new Map() };

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
 */
export function forEachWord(text: string, locale: string, visit: (word: string, start: number) => boolean): void {
  const rules = fastPathRules(text, locale);
  if (rules !== null) forEachFastWord(text, visit, rules);
  else forEachSegmenterWord(text, locale, visit);
}

/**
 * The rules `forEachWord` segments this (normalised) text with on the fast path (fastWords.ts),
 * or null when it takes the Segmenter.
 */
export function fastPathRules(text: string, locale: string): FastWordRules | null {
  return fastPathApplies(text) ? fastPathAgreesFor(locale, fastPathTier(text)) : null;
}

/** The fast path's rules for `locale`, learnt from its Segmenter once. */
export function fastWordRulesFor(locale: string): FastWordRules {
  let rules = rulesByLocale.get(locale);
  if (rules === undefined) {
    const segmenter = segmenterFor(locale);
    rules = learnFastWordRules((text) => Array.from(segmenter.segment(text), (s) => s.segment));
    rulesByLocale.set(locale, rules);
  }
  return rules;
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
  const rules = fastWordRulesFor(locale);
  return fastPathProbes(tier).filter(
    (probe) => collect((v) => forEachFastWord(probe, v, rules)) !== collect((v) => forEachSegmenterWord(probe, locale, v)),
  );
}

/** Checked once per locale and tier, when a text first needs it, then cached: the rules, or null where the paths disagree. */
function fastPathAgreesFor(locale: string, tier: FastPathTier): FastWordRules | null {
  let rules = fastPathAgrees[tier].get(locale);
  if (rules === undefined) {
    rules = fastPathDisagreements(locale, tier).length === 0 ? fastWordRulesFor(locale) : null;
    fastPathAgrees[tier].set(locale, rules);
  }
  return rules;
}
