/**
 * The files inside NAME.sift.zip. model.json + weights.bin are a standard tfjs Layers model;
 * predict.mjs runs it without tfjs (src/runtime/), example.html shows it in a page, golden.json
 * lets a port check itself. Sift reads back only model.json, weights.bin and sift.json.
 */
export const BUNDLE_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  manifest: 'sift.json',
  card: 'README.md',
  runtime: 'predict.mjs',
  example: 'example.html',
  golden: 'golden.json',
} as const;

export const BUNDLE_EXTENSION = '.sift.zip';

/** Characters that are not allowed (or are risky) in file names on Windows, macOS or Linux. */
const UNSAFE_IN_FILE_NAMES = /[\u0000-\u001F\u007F<>:"/\\|?*]+/g;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_STEM_LENGTH = 80;

/**
 * A file name for a model called `name` that every operating system accepts: "Spam filter v2" →
 * "Spam-filter-v2.sift.zip"; letters of any script are kept ("新闻分类.sift.zip").
 */
export function bundleFileName(name: string): string {
  let stem = name
    .normalize('NFKC')
    .replace(/\.sift\.zip$|\.zip$/i, '')
    .replace(UNSAFE_IN_FILE_NAMES, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  stem = Array.from(stem).slice(0, MAX_STEM_LENGTH).join('').replace(/[-.]+$/, '');
  if (stem === '') stem = 'model';
  if (WINDOWS_RESERVED.test(stem)) stem = `${stem}-model`;
  return stem + BUNDLE_EXTENSION;
}
