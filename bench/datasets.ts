/**
 * Which datasets the bench runs, where it finds them, and the train/test files every contender
 * reads: the source's official split where it has one, else a seeded stratified 80/20 split
 * written once to bench/.cache/splits/ and reused (it is rewritten only if the source changes).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelledCsv, writeLabelledCsv } from './csv';
import { stratifiedSplit } from './split';
import { detectLanguage } from './text';
import type { PreparedDataset } from './types';

export const SPLIT_SEED = 42;
export const TEST_SHARE = 0.2;

type DatasetSource =
  | { name: string; kind: 'official'; train: string; test: string }
  | { name: string; kind: 'seeded-80-20'; file: string };

/** Every labelled dataset in shared/datasets (holdout.sealed is never read). Paths are relative to the data folder. */
export const DATASETS: readonly DatasetSource[] = [
  { name: 'trec', kind: 'official', train: 'trec/trec_train.csv', test: 'trec/trec_test.csv' },
  { name: 'trec_fine', kind: 'official', train: 'trec/trec_train_fine.csv', test: 'trec/trec_test_fine.csv' },
  { name: 'sms_spam', kind: 'seeded-80-20', file: 'sms_spam/sms_spam.csv' },
  { name: 'thucnews_titles', kind: 'official', train: 'thucnews_titles/thucnews_titles_dev.csv', test: 'thucnews_titles/thucnews_titles_test.csv' },
  { name: 'waimai_10k', kind: 'seeded-80-20', file: 'waimai_10k/waimai_10k.csv' },
  { name: 'rt_polarity', kind: 'seeded-80-20', file: 'rt_polarity/rt_polarity.csv' },
  { name: 'ag_news_test', kind: 'seeded-80-20', file: 'ag_news_test/ag_news_test.csv' },
  { name: 'r8', kind: 'official', train: 'r8/r8_train.csv', test: 'r8/r8_test.csv' },
  { name: '20newsgroups', kind: 'official', train: '20newsgroups/20ng_train.csv', test: '20newsgroups/20ng_test.csv' },
];

export const QUICK_DATASETS: readonly string[] = ['trec', 'sms_spam', 'thucnews_titles'];

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(PROJECT_ROOT, 'bench', '.cache');

export interface DataLocation {
  dir: string;
  /** Why this folder was chosen, for the report. */
  origin: '--data' | '../shared/datasets' | 'tests/fixtures/datasets';
}

/** `--data DIR` if given, else ../shared/datasets beside the project, else the project's own fixture copies. */
export function locateData(explicit: string | undefined): DataLocation {
  if (explicit !== undefined) {
    const dir = resolve(explicit);
    if (!existsSync(dir)) throw new Error(`--data ${explicit}: no such folder`);
    return { dir, origin: '--data' };
  }
  const shared = resolve(PROJECT_ROOT, '..', 'shared', 'datasets');
  if (existsSync(shared)) return { dir: shared, origin: '../shared/datasets' };
  return { dir: join(PROJECT_ROOT, 'tests', 'fixtures', 'datasets'), origin: 'tests/fixtures/datasets' };
}

export interface Skipped {
  name: string;
  reason: string;
}

/** Picks the datasets to run, in registry order; unknown names in `only` are an error, missing files a note. */
export function selectDatasets(dataDir: string, only: readonly string[] | null): { chosen: DatasetSource[]; skipped: Skipped[] } {
  const known = new Set(DATASETS.map((d) => d.name));
  const unknown = (only ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`unknown dataset(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  const chosen: DatasetSource[] = [];
  const skipped: Skipped[] = [];
  for (const source of DATASETS) {
    if (only !== null && !only.includes(source.name)) continue;
    const files = source.kind === 'official' ? [source.train, source.test] : [source.file];
    const missing = files.filter((f) => !existsSync(join(dataDir, f)));
    if (missing.length > 0) skipped.push({ name: source.name, reason: `not in ${dataDir} (${missing.join(', ')})` });
    else chosen.push(source);
  }
  return { chosen, skipped };
}

/** Resolves a source to train/test files, writing the seeded split to the cache on first use. */
export function prepareDataset(dataDir: string, source: DatasetSource): PreparedDataset {
  let trainPath: string;
  let testPath: string;
  if (source.kind === 'official') {
    trainPath = join(dataDir, source.train);
    testPath = join(dataDir, source.test);
  } else {
    ({ trainPath, testPath } = cachedSplit(join(dataDir, source.file), source.name));
  }
  const train = readLabelledCsv(trainPath);
  const test = readLabelledCsv(testPath);
  return {
    name: source.name,
    trainPath,
    testPath,
    splitKind: source.kind,
    language: detectLanguage(train.map((r) => r.text)),
    trainRows: train.length,
    testRows: test.length,
    classes: new Set(train.map((r) => r.label)).size,
    testLabels: test.map((r) => r.label),
  };
}

interface SplitStamp {
  sourceSha256: string;
  seed: number;
  testShare: number;
}

function cachedSplit(sourcePath: string, name: string): { trainPath: string; testPath: string } {
  const dir = join(CACHE_DIR, 'splits', name);
  const trainPath = join(dir, 'train.csv');
  const testPath = join(dir, 'test.csv');
  const stampPath = join(dir, 'split.json');
  const stamp: SplitStamp = {
    sourceSha256: createHash('sha256').update(readFileSync(sourcePath)).digest('hex'),
    seed: SPLIT_SEED,
    testShare: TEST_SHARE,
  };
  if (existsSync(trainPath) && existsSync(testPath) && existsSync(stampPath)) {
    const previous: unknown = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (JSON.stringify(previous) === JSON.stringify(stamp)) return { trainPath, testPath };
  }
  const rows = readLabelledCsv(sourcePath);
  const split = stratifiedSplit(
    rows.map((r) => r.label),
    TEST_SHARE,
    SPLIT_SEED,
  );
  mkdirSync(dir, { recursive: true });
  writeLabelledCsv(trainPath, split.train.map((i) => rows[i]));
  writeLabelledCsv(testPath, split.test.map((i) => rows[i]));
  writeFileSync(stampPath, JSON.stringify(stamp));
  return { trainPath, testPath };
}
