/**
 * Text → bytes in a file's own encoding, for writing a corrected copy of the person's file.
 *
 * TextEncoder only writes UTF-8, and no dependency Sift has encodes legacy encodings (chardet
 * detects, papaparse and fflate do not touch encodings). Rather than add a library with its own
 * tables (iconv-lite also needs Node's Buffer in the page), the encoder is built by inverting the
 * very decoder Sift reads the file with: every byte sequence the encoding can hold is decoded
 * once, and each character maps back to the bytes that produced it. What is written therefore
 * reads back as exactly the same text, in the page and in Node, by construction. The tables are
 * built only when a file in that encoding is written (a few tens of milliseconds for GB18030).
 */
import { canonicalEncoding, streamingDecoder } from './decode';

/** The bytes of `text` in the encoding, or null when a character has no bytes there. */
export type EncodeText = (text: string) => Uint8Array | null;

/** Encodings of one or two bytes a character (leads ≥ 0x80), plus GB18030's four-byte form. */
const DOUBLE_BYTE = new Set(['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr']);
/** Encodings whose bytes below 0x80 are not ASCII, or that keep state between characters. */
const NOT_ASCII_COMPATIBLE = new Set(['utf-16le', 'utf-16be', 'iso-2022-jp', 'replacement']);

const cache = new Map<string, EncodeText | null>();

/**
 * An encoder for a WHATWG encoding name, or null where Sift cannot write that encoding
 * (ISO-2022-JP, which keeps state between characters). UTF-8 and UTF-16 are written directly;
 * every other encoding through its inverted decoder. The encoder writes no byte-order mark.
 */
export function encoderFor(encoding: string): EncodeText | null {
  const name = canonicalEncoding(encoding);
  if (!cache.has(name)) cache.set(name, makeEncoder(name));
  return cache.get(name) ?? null;
}

function makeEncoder(name: string): EncodeText | null {
  switch (name) {
    case 'utf-8': {
      const encoder = new TextEncoder();
      return (text) => encoder.encode(text);
    }
    case 'utf-16le':
    case 'utf-16be':
      return utf16(name === 'utf-16le');
  }
  if (NOT_ASCII_COMPATIBLE.has(name)) return null;
  const table = invertDecoder(name);
  if (!table) return null;
  const gb18030 = name === 'gb18030';
  return (text) => {
    const out: number[] = [];
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      // GB18030 holds every code point; beyond the BMP its four-byte form is arithmetic.
      const bytes = table.get(code) ?? (gb18030 && code >= 0x10000 ? gb18030FourBytes(189_000 + code - 0x10000) : undefined);
      if (!bytes) return null;
      for (const b of bytes) out.push(b);
    }
    return Uint8Array.from(out);
  };
}

function utf16(littleEndian: boolean): EncodeText {
  return (text) => {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      out[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff;
      out[2 * i + (littleEndian ? 1 : 0)] = unit >> 8;
    }
    return out;
  };
}

/**
 * Code point → bytes for every character the encoding's decoder produces from one sequence:
 * single bytes, then (for double-byte encodings) every lead and trail pair, then GB18030's
 * four-byte sequences of the BMP. The first sequence found for a character is kept (where a few
 * sequences decode to the same character, any of them reads back right). Null when tab, line
 * breaks or printable ASCII do not decode to themselves.
 */
function invertDecoder(name: string): Map<number, number[]> | null {
  const table = new Map<number, number[]>();
  // What CSV is made of must be plain ASCII: tab, line breaks, and the printable characters
  // (delimiters and quotes among them). Other control bytes go through the table like the rest
  // (Node's ICU Shift_JIS swaps 0x1A, 0x1C and 0x7F; browsers do not).
  const csvBytes = [0x09, 0x0a, 0x0d, ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i)];
  const decodedCsv = streamingDecoder(name)(Uint8Array.from(csvBytes), false);
  if (decodedCsv.length !== csvBytes.length || csvBytes.some((b, i) => decodedCsv.charCodeAt(i) !== b)) return null;

  const sequences: number[][] = [];
  for (let b = 0; b <= 0xff; b++) if (b !== 0x0a) sequences.push([b]);
  table.set(0x0a, [0x0a]);
  if (DOUBLE_BYTE.has(name)) {
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x21; trail <= 0xfe; trail++) sequences.push([lead, trail]);
  }
  if (name === 'gb18030') {
    // The four-byte sequences of the BMP (pointers 0–39,419); the rest of Unicode is arithmetic.
    for (let pointer = 0; pointer <= 39_419; pointer++) sequences.push(gb18030FourBytes(pointer));
  }
  addDecoded(name, sequences, table);
  return table;
}

/**
 * Decodes all sequences in one call, each followed by a line feed: a line feed is ASCII, never
 * part of a multi-byte sequence, so the decoder is back in step after each one, and the text
 * between two line feeds is what that sequence decodes to alone.
 */
function addDecoded(name: string, sequences: number[][], table: Map<number, number[]>): void {
  const buffer = new Uint8Array(sequences.reduce((n, s) => n + s.length + 1, 0));
  let at = 0;
  for (const s of sequences) {
    buffer.set(s, at);
    buffer[at + s.length] = 0x0a;
    at += s.length + 1;
  }
  const pieces = streamingDecoder(name)(buffer, false).split('\n');
  if (pieces.length !== sequences.length + 1) throw new Error(`${name}: decoding the byte table lost step (${pieces.length - 1} pieces for ${sequences.length} sequences)`);
  sequences.forEach((bytes, i) => {
    const piece = pieces[i];
    const code = piece.codePointAt(0);
    // One character, and a real one: U+FFFD means the sequence is not valid on its own.
    if (code === undefined || code === 0xfffd || piece.length !== (code > 0xffff ? 2 : 1)) return;
    if (!table.has(code)) table.set(code, bytes);
  });
}

/** GB18030's four-byte sequence of a pointer (its index in the four-byte range). */
function gb18030FourBytes(pointer: number): number[] {
  return [
    0x81 + Math.floor(pointer / 12_600),
    0x30 + (Math.floor(pointer / 1_260) % 10),
    0x81 + (Math.floor(pointer / 10) % 126),
    0x30 + (pointer % 10),
  ];
}
