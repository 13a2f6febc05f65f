/**
 * Where each character of a normalised text came from in the text the person typed, so that an
 * explanation computed on tokens (which exist only in the normalised text) can highlight the
 * person's own characters.
 *
 * normalizeText (NFKC, removal of invisible characters, lowercasing) changes lengths: "ﬁ" → "fi",
 * "…" → "...", "𝐀" (two UTF-16 units) → "a", "İ" → "i̇" (two units), a decomposed Hangul syllable
 * (three jamo) → one syllable, a soft hyphen → nothing. No per-character table describes all of
 * that, so the text is cut into pieces that normalise independently, each piece is normalised on
 * its own, and every unit of a piece's output is mapped to the whole piece. Pieces are tried from
 * fine to coarse, and a cut is kept only if the pieces' outputs, put together, are EXACTLY the
 * whole text's normalisation (so the map can never be wrong, only coarse):
 *   1. grapheme clusters (NFKC composes only within a cluster in practice: base + marks, jamo);
 *   2. runs of whitespace and of non-whitespace (lowercasing's one context rule, Greek final
 *      sigma, looks across a cluster boundary but never across whitespace);
 *   3. the whole text as one piece (never seen on real text; every unit then maps to all of it).
 */
import { normalizeText } from '../text/normalize';
import type { TokenizerConfig } from '../text/types';

export interface NormalizedText {
  /** normalizeText(original, config), exactly. */
  text: string;
  /**
   * For each UTF-16 unit i of `text`, the range [originalStart[i], originalEnd[i]) of the
   * original text it came from (the whole piece that produced it).
   */
  originalStart: Int32Array;
  originalEnd: Int32Array;
}

type NormalizationConfig = Pick<TokenizerConfig, 'normalization' | 'lowercase'>;

let graphemes: Intl.Segmenter | null = null;

function graphemePieces(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

function whitespacePieces(text: string): string[] {
  return text.match(/\s+|\S+/gu) ?? [];
}

/** The map for one cut of `original` into pieces, or null where the pieces do not reproduce `normalized`. */
function mapPieces(pieces: readonly string[], normalized: string, config: NormalizationConfig): NormalizedText | null {
  const originalStart = new Int32Array(normalized.length);
  const originalEnd = new Int32Array(normalized.length);
  let from = 0;
  let to = 0;
  for (const piece of pieces) {
    const out = normalizeText(piece, config);
    if (normalized.startsWith(out, to) === false) return null;
    originalStart.fill(from, to, to + out.length);
    originalEnd.fill(from + piece.length, to, to + out.length);
    from += piece.length;
    to += out.length;
  }
  return to === normalized.length ? { text: normalized, originalStart, originalEnd } : null;
}

/** normalizeText with, for each unit of its output, the range of the original text it came from. */
export function normalizeWithOffsets(original: string, config: NormalizationConfig): NormalizedText {
  const normalized = normalizeText(original, config);
  if (config.normalization === 'none' && !config.lowercase) {
    const originalStart = Int32Array.from({ length: original.length }, (_, i) => i);
    return { text: normalized, originalStart, originalEnd: originalStart.map((i) => i + 1) };
  }
  return (
    mapPieces(graphemePieces(original), normalized, config) ??
    mapPieces(whitespacePieces(original), normalized, config) ??
    (mapPieces([original], normalized, config) as NormalizedText)
  );
}
