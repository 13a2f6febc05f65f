import { analyse } from 'chardet';
import { SiftError } from '../errors';
import { assertMostlyText, assertNotBinary, assertNotKnownBinaryFormat, looksLikeUtf16 } from './sniff';
import type { DecodedText, EncodingInfo } from './types';

/**
 * Bytes → text. Order of evidence: byte-order mark, UTF-16 without BOM, valid UTF-8 (almost never
 * valid by accident), then statistical detection (chardet) among the legacy encodings that
 * TextDecoder supports. Binary files are rejected before any of that guesswork.
 */

/** chardet's names → WHATWG labels that TextDecoder accepts. Missing names are not decodable. */
const CHARDET_TO_WHATWG: Record<string, string> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  // WHATWG treats ISO-8859-1 as windows-1252 (its superset); what Western Excel writes anyway.
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'KOI8-R': 'koi8-r',
  // GB2312 and GBK are subsets of GB18030; decoding as GB18030 is never worse.
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-2022-JP': 'iso-2022-jp',
};

/** Below this chardet confidence (0..1) the report warns that the guess may be wrong. */
export const LOW_ENCODING_CONFIDENCE = 0.5;

/** Bytes given to chardet; lines with non-ASCII bytes carry all the evidence. */
const DETECTION_SAMPLE_BYTES = 64 * 1024;

/** Encodings offered to a person who wants to override the detection (WHATWG labels). */
export const COMMON_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
  'windows-1250',
  'windows-1251',
  'iso-8859-2',
  'koi8-r',
] as const;

/**
 * Decodes a dropped file. `encoding` (any WHATWG label) overrides detection; an unknown label
 * throws INVALID_OPTION. Throws EMPTY_FILE for empty / whitespace-only files and BINARY_FILE for
 * images, archives and other binary data.
 */
export function decodeBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  if (bytes.length === 0) throw emptyFile();
  let decoded: DecodedText;
  if (encoding !== undefined) {
    const name = canonicalEncoding(encoding);
    // The person chose: decode as told (a wrong choice shows in the preview), except real binaries.
    assertNotKnownBinaryFormat(bytes);
    decoded = { text: decodeWith(bytes, name), encoding: { name, source: 'user', confidence: 1 } };
  } else {
    decoded = detectAndDecode(bytes);
  }
  if (decoded.text.trim() === '') throw emptyFile();
  return decoded;
}

/** WHATWG canonical name for a label ('latin1' → 'windows-1252'); INVALID_OPTION if unknown. */
export function canonicalEncoding(label: string): string {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    throw new SiftError(
      'INVALID_OPTION',
      `Unknown encoding "${label}". Try one of: ${COMMON_ENCODINGS.join(', ')}.`,
    );
  }
}

function detectAndDecode(bytes: Uint8Array): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decodeWith(bytes, bom);
    assertMostlyText(text);
    return { text, encoding: { name: bom, source: 'bom', confidence: 1 } };
  }

  const utf16 = looksLikeUtf16(bytes);
  if (utf16) {
    const text = decodeWith(bytes, utf16);
    assertMostlyText(text);
    return { text, encoding: { name: utf16, source: 'detected', confidence: 0.9 } };
  }

  assertNotBinary(bytes);

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: stripBom(text), encoding: { name: 'utf-8', source: 'utf8-valid', confidence: 1 } };
  } catch {
    // Not UTF-8: fall through to statistical detection.
  }

  // Mostly UTF-8 with a few broken bytes (a file cut mid-character, two files pasted together):
  // reading it as a legacy encoding would garble every accented letter, not just the broken ones.
  const utf8 = utf8Evidence(bytes);
  if (utf8.valid >= MIN_UTF8_SEQUENCES && utf8.valid >= utf8.invalid * 20) {
    const text = stripBom(new TextDecoder('utf-8').decode(bytes));
    return { text, encoding: { name: 'utf-8', source: 'detected', confidence: utf8.valid / (utf8.valid + utf8.invalid) } };
  }

  const guess = detectLegacyEncoding(bytes);
  return { text: decodeWith(bytes, guess.name), encoding: guess };
}

/** Multi-byte UTF-8 characters needed before a file with invalid bytes still counts as UTF-8. */
const MIN_UTF8_SEQUENCES = 20;

/** Counts well-formed multi-byte UTF-8 sequences and bytes that cannot be UTF-8. */
export function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Best decodable legacy encoding according to chardet. Falls back to windows-1252 (decodes any
 * byte) with low confidence when chardet proposes nothing TextDecoder can use.
 */
export function detectLegacyEncoding(bytes: Uint8Array): EncodingInfo {
  for (const match of analyse(nonAsciiSample(bytes))) {
    const name = CHARDET_TO_WHATWG[match.name];
    // Invalid UTF-8 has already been ruled out by the caller; chardet may still rank it.
    if (!name || name === 'utf-8' || !isSupported(name)) continue;
    return { name, source: 'detected', confidence: Math.max(0, Math.min(1, match.confidence / 100)) };
  }
  return { name: 'windows-1252', source: 'detected', confidence: 0.1 };
}

/**
 * The lines holding non-ASCII bytes (where an encoding shows), up to 64 KB. Splitting at LF is
 * safe: in every supported legacy encoding LF is never part of a multi-byte character.
 */
function nonAsciiSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= DETECTION_SAMPLE_BYTES) return bytes;
  const parts: Uint8Array[] = [];
  let size = 0;
  let lineStart = 0;
  let nonAscii = false;
  for (let i = 0; i < bytes.length && size < DETECTION_SAMPLE_BYTES; i++) {
    const b = bytes[i];
    if (b >= 0x80) nonAscii = true;
    if (b === 0x0a || i === bytes.length - 1) {
      if (nonAscii) {
        const line = bytes.subarray(lineStart, i + 1);
        parts.push(line);
        size += line.length;
      }
      lineStart = i + 1;
      nonAscii = false;
    }
  }
  if (size === 0) return bytes.subarray(0, DETECTION_SAMPLE_BYTES);
  const sample = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    sample.set(part, at);
    at += part.length;
  }
  return sample;
}

function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Decodes leniently: undecodable bytes become U+FFFD, visible in the preview. */
function decodeWith(bytes: Uint8Array, name: string): string {
  try {
    const text = stripBom(new TextDecoder(name).decode(bytes));
    return name === 'windows-1252' ? repairWindows1252(text) : text;
  } catch {
    throw new SiftError('DECODE_FAILED', `The file could not be read as ${name}. Choose another encoding.`);
  }
}

/**
 * WHATWG windows-1252 maps bytes 0x80–0x9F to € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
 * Node ≥ 20.18.3 / 22.13.0 decodes them as Latin-1 control characters instead
 * (nodejs/node#60888, #56542); browsers are right. Mapping the C1 range afterwards is a no-op on
 * a correct decoder: it never produces those characters except for the 5 unassigned bytes, which
 * stay as they are.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/**
 * A decoder fed a piece at a time (`stream` true while more follows), decoding as decodeBytes
 * does (the windows-1252 repair included): what the corrected-CSV writer and the encoder use to
 * find which bytes made which characters. Throws INVALID_OPTION for an unknown label.
 */
export function streamingDecoder(name: string): (bytes: Uint8Array, stream: boolean) => string {
  const decoder = new TextDecoder(canonicalEncoding(name));
  const repair = decoder.encoding === 'windows-1252';
  return (bytes, stream) => {
    const text = decoder.decode(bytes, { stream });
    return repair ? repairWindows1252(text) : text;
  };
}

/** TextDecoder strips one BOM; a second one (files re-saved by some editors) would become text. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function emptyFile(): SiftError {
  return new SiftError('EMPTY_FILE', 'The file is empty. Drop a CSV file with a text column and a label column.');
}
