/**
 * Trained bundles unzipped into folders, for checking predict.mjs outside Sift (in plain Node and
 * in Chromium) against Sift's own prediction path on real test texts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { exportBundle } from '@/core/bundle/export';
import { loadDataset } from '@/core/dataset/load';
import { useBackend } from '@/core/model/backend';
import { trainFromExamples } from '@/core/pipeline';
import { resolveSettings } from '@/core/settings';
import { readFixture } from './datasets';

export const RUNTIME_DATASETS = {
  'TREC-6': { train: 'datasets/trec/trec_train.csv', test: 'datasets/trec/trec_test.csv' },
  'THUCNews titles': { train: 'datasets/thucnews_titles/thucnews_titles_dev.csv', test: 'datasets/thucnews_titles/thucnews_titles_test.csv' },
} as const;
export type RuntimeDataset = keyof typeof RUNTIME_DATASETS;

export interface UnzippedBundle {
  /** The .sift.zip file. */
  bundlePath: string;
  /** The folder it was unzipped into (model.json, weights.bin, sift.json, predict.mjs, …). */
  dir: string;
  /** The first `count` texts of the dataset's test file (never trained on); also in dir/texts.txt, one per line. */
  texts: string[];
}

/**
 * Trains a small model on the dataset's training file (2 epochs, the default settings otherwise:
 * these checks are about agreement, not accuracy), exports it and unzips it into a fresh folder.
 */
export async function unzippedBundle(name: RuntimeDataset, count = 300): Promise<UnzippedBundle> {
  const files = RUNTIME_DATASETS[name];
  await useBackend('wasm');
  const outcome = await trainFromExamples(
    { examples: loadDataset(readFixture(files.train)).examples, fileName: files.train, textColumn: 'text', labelColumn: 'label' },
    resolveSettings({ epochs: 2, backend: 'wasm' }),
  );
  const root = mkdtempSync(join(tmpdir(), 'sift-runtime-'));
  const bundlePath = join(root, 'model.sift.zip');
  const bytes = await exportBundle(outcome.model, { goldenTexts: outcome.goldenTexts });
  writeFileSync(bundlePath, bytes);
  const dir = join(root, 'model');
  mkdirSync(dir);
  for (const [file, content] of Object.entries(unzipSync(bytes))) writeFileSync(join(dir, file), content);
  // One text per line: the test texts hold no line breaks of their own (checked, not assumed).
  const texts = loadDataset(readFixture(files.test)).examples.slice(0, count).map((e) => e.text);
  if (texts.some((t) => /[\r\n]/.test(t))) throw new Error(`${files.test}: a test text holds a line break`);
  writeFileSync(join(dir, 'texts.txt'), texts.join('\n') + '\n');
  return { bundlePath, dir, texts };
}
