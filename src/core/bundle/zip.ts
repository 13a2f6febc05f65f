import { Inflate, strFromU8 } from 'fflate';
import { errorMessage, SiftError } from '../errors';
import { BUNDLE_LIMITS, tooLarge } from './limits';

/**
 * A bundle's zip read the careful way: the central directory is parsed and checked (entry count,
 * names, declared sizes) before a single byte is inflated, and an entry is inflated in small
 * steps with a running cap at its declared size, so a deflate stream that runs on past what it
 * declares (4 GiB of zeros behind a 5 MB header) is stopped at once, never allocated. fflate's
 * `unzipSync` allocates each entry's declared size and trusts the stream; hence this reader.
 */

/** One entry of the central directory, as declared there. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflate. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size: inflating must give exactly this many bytes. */
  size: number;
  crc32: number;
  localHeaderOffset: number;
  /** The name's bytes as stored, to compare with the local header's copy. */
  rawName: Uint8Array;
}

const SIG_END = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const END_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
/**
 * Compressed bytes fed to the inflater per step, at most. Deflate expands at most 1032×, so one
 * step yields at most ~8 MB before the running cap is checked again. A step is also never larger
 * than the output still allowed (deflate rarely shrinks data), so an entry that declares 1 KB
 * and runs on is stopped after about 1 MB, not 8.
 */
const INFLATE_STEP = 8 * 1024;
const MIN_STEP = 64;

const bad = (message: string): SiftError => new SiftError('BAD_BUNDLE', message);
const notAZip = (why: string): SiftError =>
  bad(`not a Sift model: the file is not a readable zip archive (${why}). Choose a .sift.zip file saved by Sift.`);
const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/**
 * Lists the zip's entries from its central directory and refuses, before inflating anything:
 * more entries than a bundle has (BUNDLE_TOO_LARGE), names that climb out of the archive ("../",
 * "/etc/…", "C:\…") or occur twice (BUNDLE_ENTRY_NAME), encrypted, multi-disk or ZIP64 archives.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const end = findEndRecord(bytes);
  if (end < 0) throw notAZip('no end-of-archive record');
  const disk = u16(bytes, end + 4);
  const cdDisk = u16(bytes, end + 6);
  const entriesHere = u16(bytes, end + 8);
  const total = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw tooLarge('The zip archive is in ZIP64 form, which only archives over 4 GiB or 65,535 entries need; a Sift model never does.');
  }
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== total) throw bad('The zip archive is split over several disks; Sift reads a single .sift.zip file.');
  if (total > BUNDLE_LIMITS.entries) {
    throw tooLarge(`The zip archive holds ${total.toLocaleString('en-US')} entries; a Sift model holds 7 (Sift reads archives of up to ${BUNDLE_LIMITS.entries}).`);
  }
  if (cdOffset + cdSize > end) throw notAZip('its directory lies outside the file');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = cdOffset;
  for (let i = 0; i < total; i++) {
    if (at + CENTRAL_SIZE > cdOffset + cdSize || u32(bytes, at) !== SIG_CENTRAL) throw notAZip('its directory is damaged');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const next = at + CENTRAL_SIZE + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > cdOffset + cdSize) throw notAZip('its directory is damaged');
    if (nameLength > BUNDLE_LIMITS.entryNameBytes) {
      throw new SiftError('BUNDLE_ENTRY_NAME', `An entry of the zip archive has a ${nameLength.toLocaleString('en-US')}-byte name; no Sift model has one over ${BUNDLE_LIMITS.entryNameBytes}.`);
    }
    const rawName = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    // Bit 11: the name is UTF-8; otherwise it is CP437, read here byte for byte.
    const name = strFromU8(rawName, (flags & 0x800) === 0);
    checkEntryName(name, seen);
    if (flags & 0x1) throw bad(`${name} in the zip archive is encrypted; Sift models are never encrypted.`);
    const entry: ZipEntry = {
      name,
      method: u16(bytes, at + 10),
      crc32: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
      rawName,
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      throw tooLarge(`${name} in the zip archive is in ZIP64 form, which only entries over 4 GiB need; a Sift model never does.`);
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** The end-of-central-directory record: the last one whose comment runs exactly to the file's end. */
function findEndRecord(bytes: Uint8Array): number {
  const last = bytes.length - END_SIZE;
  for (let i = last; i >= 0 && i >= last - MAX_COMMENT; i--) {
    if (u32(bytes, i) === SIG_END && i + END_SIZE + u16(bytes, i + 20) === bytes.length) return i;
  }
  return -1;
}

/** Refuses names that would escape a folder if unpacked, and a second entry of the same name. */
function checkEntryName(name: string, seen: Set<string>): void {
  const quoted = JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
  const refuse = (why: string): never => {
    throw new SiftError('BUNDLE_ENTRY_NAME', `The zip archive has an entry named ${quoted}, ${why}; a Sift model never does. It is refused unopened.`);
  };
  if (name.includes('\0')) refuse('which holds a NUL character');
  if (/^[/\\]|^[A-Za-z]:/.test(name)) refuse('an absolute path');
  if (name.split(/[/\\]/).some((part) => part === '..')) refuse('which climbs out of its folder ("..")');
  if (seen.has(name)) refuse('and a second entry of that same name (which one is meant is unclear)');
  seen.add(name);
}

/**
 * The bytes of one entry, checked against what the directory declares: the local header must
 * name the same file, the data must lie inside the archive, and inflating must give exactly
 * `entry.size` bytes with the declared CRC-32. Inflation stops as soon as the output would pass
 * `entry.size` (BUNDLE_TOO_LARGE), so memory never exceeds the declared size plus one step.
 * The caller bounds `entry.size` first.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > bytes.length || u32(bytes, at) !== SIG_LOCAL) throw bad(`${entry.name} is damaged: its local header is missing.`);
  const nameLength = u16(bytes, at + 26);
  const localName = bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength);
  if (localName.length !== entry.rawName.length || localName.some((b, i) => b !== entry.rawName[i])) {
    throw bad(`${entry.name} is damaged: its local header names another file.`);
  }
  const flags = u16(bytes, at + 6);
  // Without bit 3 (sizes in a trailing descriptor) the local header repeats the sizes: they must agree.
  if ((flags & 0x8) === 0 && (u32(bytes, at + 18) !== entry.compressedSize || u32(bytes, at + 22) !== entry.size)) {
    throw bad(`${entry.name} is damaged: its two headers declare different sizes.`);
  }
  const start = at + LOCAL_SIZE + nameLength + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw bad(`${entry.name} is damaged: the file ends inside it (truncated download?).`);
  const compressed = bytes.subarray(start, start + entry.compressedSize);

  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw bad(`${entry.name} is damaged: it is stored uncompressed but declares two different sizes.`);
    data = compressed.slice();
  } else if (entry.method === 8) {
    data = inflateCapped(compressed, entry);
  } else {
    throw bad(`${entry.name} is compressed with method ${entry.method}, which Sift does not read; Sift models use deflate.`);
  }
  if (crc32(data) !== entry.crc32) throw bad(`${entry.name} is damaged: its checksum does not match its contents.`);
  return data;
}

function inflateCapped(compressed: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length) {
      throw tooLarge(
        `${entry.name} inflates to more than the ${entry.size.toLocaleString('en-US')} bytes it declares (a zip bomb or a damaged file); inflating was stopped there.`,
      );
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  try {
    let i = 0;
    do {
      const end = Math.min(i + Math.max(MIN_STEP, Math.min(INFLATE_STEP, out.length - written)), compressed.length);
      inflater.push(compressed.subarray(i, end), end === compressed.length);
      i = end;
    } while (i < compressed.length);
  } catch (e) {
    if (e instanceof SiftError) throw e;
    throw bad(`${entry.name} is damaged: its compressed data cannot be read (${errorMessage(e)}).`);
  }
  if (!finished || written !== entry.size) {
    throw bad(`${entry.name} is damaged: it inflates to ${written.toLocaleString('en-US')} bytes, not the ${entry.size.toLocaleString('en-US')} it declares.`);
  }
  return out;
}

let crcTable: Int32Array | null = null;

/** CRC-32 (IEEE, as zip uses), table-driven. */
export function crc32(data: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const table = crcTable;
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
