import { SiftError } from '../errors';

/**
 * Early checks that turn "this is not a CSV at all" into one clear sentence instead of a page of
 * garbage rows: known binary formats by magic number, other binary data by NUL / control bytes,
 * and structured text (JSON, HTML, XML) that is not a table.
 */

interface Magic {
  /** Bytes at `offset`; null matches any byte. */
  bytes: (number | null)[];
  offset?: number;
  what: string;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const MAGIC_NUMBERS: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: ascii('GIF8'), what: 'a GIF image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')], what: 'a WebP image' },
  { bytes: ascii('BM'), what: 'a BMP image' },
  { bytes: ascii('%PDF-'), what: 'a PDF document' },
  // .xlsx, .docx, .odt … are ZIP archives: the most likely binary a person drops here.
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx or other Office file?)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Excel .xls (or other Office) file' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), what: 'a RAR archive' },
  { bytes: ascii('SQLite format 3'), what: 'an SQLite database' },
  { bytes: ascii('PAR1'), what: 'a Parquet file' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)' },
  { bytes: ascii('MZ'), what: 'a Windows program' },
  { bytes: ascii('ID3'), what: 'an MP3 audio file' },
  { bytes: ascii('ftyp'), offset: 4, what: 'a video or audio file (MP4/MOV)' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
];

/** How many leading bytes the binary checks look at; enough for a stable ratio, cheap on 20 MB. */
const SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which a file is treated as binary (text has almost none). */
const MAX_CONTROL_SHARE = 0.02;

/** Name of a known binary format recognised by its first bytes, or null. */
export function knownBinaryFormat(bytes: Uint8Array): string | null {
  for (const magic of MAGIC_NUMBERS) {
    const offset = magic.offset ?? 0;
    if (bytes.length < offset + magic.bytes.length) continue;
    // Two-byte signatures (BM, MZ) also start ordinary text; require a control byte soon after.
    if (magic.bytes.length <= 2 && !hasControlByte(bytes.subarray(0, 64))) continue;
    if (magic.bytes.every((b, i) => b === null || bytes[offset + i] === b)) return magic.what;
  }
  return null;
}

/**
 * True when the bytes look like UTF-16 without a byte-order mark: most characters of a Latin
 * text in UTF-16 have one zero byte, always at the same parity.
 */
export function looksLikeUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Throws BINARY_FILE for images, archives, programs and other non-text bytes. Call after
 * BOM / UTF-16 detection: UTF-16 text is full of NUL bytes and must not be rejected here.
 */
export function assertNotBinary(bytes: Uint8Array): void {
  assertNotKnownBinaryFormat(bytes);
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      throw new SiftError(
        'BINARY_FILE',
        'This file contains binary data (NUL bytes), not text. Save your table as CSV (comma- or tab-separated text) and drop that.',
      );
    }
    if (isControlByte(b)) controls++;
  }
  if (n > 0 && controls / n > MAX_CONTROL_SHARE) {
    throw new SiftError(
      'BINARY_FILE',
      'This file contains binary data (many control bytes), not text. Save your table as CSV (comma- or tab-separated text) and drop that.',
    );
  }
}

/** Throws BINARY_FILE for a known binary format only (used when the person chose the encoding). */
export function assertNotKnownBinaryFormat(bytes: Uint8Array): void {
  const format = knownBinaryFormat(bytes);
  if (format) {
    throw new SiftError(
      'BINARY_FILE',
      `This looks like ${format}, not a CSV file. Save your table as CSV (comma- or tab-separated text) and drop that.`,
    );
  }
}

/**
 * Throws BINARY_FILE when decoded text is mostly undecodable or control characters: catches
 * binary data that happens to start with a byte-order mark or to look like UTF-16.
 */
export function assertMostlyText(text: string): void {
  const n = Math.min(text.length, SNIFF_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x100 && isControlByte(c)) || c === 0) bad++;
  }
  if (n > 0 && bad / n > MAX_CONTROL_SHARE * 2) {
    throw new SiftError(
      'BINARY_FILE',
      'This file contains binary data, not text. Save your table as CSV (comma- or tab-separated text) and drop that.',
    );
  }
}

/** C0 control bytes other than tab, LF, CR, form feed; plus DEL. ESC is kept out: some text has it. */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f;
}

function hasControlByte(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0 || isControlByte(b)) return true;
  return false;
}

/**
 * Throws NOT_TABULAR for decoded text that is JSON, JSON Lines, HTML or XML. A CSV whose first
 * text happens to start with "[" or "{" passes, because it does not parse as JSON.
 */
export function assertTabularText(text: string): void {
  const start = text.trimStart();
  const first = start[0];
  if (first === '{' || first === '[') {
    if (parsesAsJsonContainer(start) || parsesAsJsonContainer(firstLine(start))) {
      throw new SiftError(
        'NOT_TABULAR',
        'This looks like JSON, not a CSV file. Export it as CSV with one column for the text and one for the label.',
      );
    }
  }
  const head = start.slice(0, 200).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new SiftError('NOT_TABULAR', 'This looks like a web page (HTML), not a CSV file. Export your table as CSV.');
  }
  if (head.startsWith('<?xml')) {
    throw new SiftError('NOT_TABULAR', 'This looks like an XML file, not a CSV file. Export your table as CSV.');
  }
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function parsesAsJsonContainer(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}
