/**
 * Issue 10's figures on every dataset the bench knows (bench/datasets.ts splits), with the CLI's
 * defaults otherwise:
 * - the personal data masking finds in the training file, and the test accuracy it costs or gains
 *   (`--weights float32` against `--weights float32 --keep-pii`);
 * - bundle size and test accuracy for each weight format (float32, float16, uint8: the default).
 * Training is seeded, and the weight format is applied after training (modelAsStored), so the three
 * formats of one dataset are the same trained model stored three ways.
 *
 *   npx tsx bench/formats.ts [--only trec,sms_spam] [--seed 42]
 *
 * Writes bench/results/formats.json and formats.md. About 15 minutes on 2 shared cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PiiFound } from '../src/core/dataset/types';
import { DATASETS, locateData, prepareDataset, PROJECT_ROOT } from './datasets';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('only')?.split(',') ?? null;
const seed = Number(option('seed') ?? '42');
const OUT = join(PROJECT_ROOT, 'bench', 'results');
const work = mkdtempSync(join(tmpdir(), 'sift-formats-bench-'));

interface CliRun {
  weights: string;
  maskPii: boolean;
  bundleBytes: number;
  testAccuracy: number;
}

/** What `sift inspect FILE --json` reports of personal data in the file (what training masks). */
function piiIn(path: string): PiiFound {
  const run = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'inspect', path, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (run.status !== 0) throw new Error(`sift inspect failed: ${run.stderr}`);
  return (JSON.parse(run.stdout.trimEnd().split('\n').at(-1) ?? '{}') as { pii: PiiFound }).pii;
}

/** `sift train TRAIN --test TEST --json` with `flags`; the last stdout line is its JSON. */
function train(trainPath: string, testPath: string, flags: string[]): CliRun {
  const out = join(work, 'model.sift.zip');
  const run = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'train', trainPath, '--test', testPath, '--seed', String(seed), '--out', out, '--json', ...flags], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`sift train ${flags.join(' ')} failed: ${run.stderr}`);
  const json = JSON.parse(run.stdout.trimEnd().split('\n').at(-1) ?? '{}') as {
    weights: string;
    bundleBytes: number;
    settings: { maskPii: boolean };
    test: { accuracy: number };
  };
  return { weights: json.weights, maskPii: json.settings.maskPii, bundleBytes: json.bundleBytes, testAccuracy: json.test.accuracy };
}

const FORMATS = ['float32', 'float16', 'uint8'] as const;
const data = locateData(undefined);
const results = [];
for (const source of DATASETS) {
  if (only !== null && !only.includes(source.name)) continue;
  const set = prepareDataset(data.dir, source);
  const formats = Object.fromEntries(FORMATS.map((format) => [format, train(set.trainPath, set.testPath, ['--weights', format])]));
  const keepPii = train(set.trainPath, set.testPath, ['--weights', 'float32', '--keep-pii']);
  const row = { name: set.name, trainRows: set.trainRows, testRows: set.testRows, pii: piiIn(set.trainPath), formats, keepPii };
  results.push(row);
  const pct = (x: number) => (100 * x).toFixed(2);
  console.log(
    `${set.name}: ${FORMATS.map((f) => `${f} ${(formats[f].bundleBytes / 1e6).toFixed(2)} MB ${pct(formats[f].testAccuracy)}%`).join(', ')}; keep-pii float32 ${pct(keepPii.testAccuracy)}%`,
  );
}
rmSync(work, { recursive: true, force: true });

mkdirSync(OUT, { recursive: true });
const measuredAt = new Date().toISOString();
writeFileSync(join(OUT, 'formats.json'), JSON.stringify({ measuredAt, seed, data: data.origin, results }, null, 2) + '\n');

const pct = (x: number) => (100 * x).toFixed(2);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
const piiText = (pii: PiiFound) => {
  const found = Object.entries(pii.counts).filter(([, n]) => n > 0);
  return found.length === 0 ? 'none' : `${found.map(([kind, n]) => `${n.toLocaleString('en-US')} ${kind}`).join(', ')} (${pii.rows.toLocaleString('en-US')} rows)`;
};
const md = [
  `# Weight formats and personal data (bench/formats.ts, ${measuredAt.slice(0, 10)})`,
  '',
  `\`sift train TRAIN --test TEST --seed ${seed}\` on the bench's splits; test accuracy of the bundle as written (the model stored in the format, read back). Masking on unless "keep-pii".`,
  '',
  '| dataset | personal data masked (training file) | float32 | float16 | uint8 (default) | uint8 size ÷ float32 | float32, keep-pii | masking changed accuracy by |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const f = r.formats;
    const cell = (run: CliRun) => `${mb(run.bundleBytes)} MB, ${pct(run.testAccuracy)}%`;
    const change = 100 * (f.float32.testAccuracy - r.keepPii.testAccuracy);
    return `| ${r.name} | ${piiText(r.pii)} | ${cell(f.float32)} | ${cell(f.float16)} | ${cell(f.uint8)} | ${((100 * f.uint8.bundleBytes) / f.float32.bundleBytes).toFixed(0)}% | ${cell(r.keepPii)} | ${change >= 0 ? '+' : ''}${change.toFixed(2)} pts |`;
  }),
  '',
].join('\n');
writeFileSync(join(OUT, 'formats.md'), md);
console.log(md);
