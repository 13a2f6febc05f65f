/**
 * What taking a model home costs and gives (issue 10), measured on SMS spam's seeded 80/20 split
 * (bench/datasets.ts) with the CLI:
 * - the default bundle (uint8 weights, personal data masked) against `--weights float32` (its size
 *   ratio) and against `--weights float32 --keep-pii` (test accuracy), per seed;
 * - predict.mjs: its size, and its time per 100-word text in plain Node (a child `node` process
 *   loading the unzipped bundle, as a program outside Sift would) against `sift predict`'s
 *   in-process Predictor, for predict() and for explain(), p50 / p95 of wall-clock ms.
 *
 *   npx tsx bench/runtime.ts [--seeds 42,1,2] [--texts 300]
 *   npx tsx bench/runtime.ts --time-only MODEL.sift.zip   (the timing alone, printed, not saved)
 *
 * Writes bench/results/runtime.json and runtime.md. About 5 minutes on 2 shared cores.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { importBundle } from '../src/core/bundle/import';
import { tokenizeWithWords } from '../src/core/explain/textWords';
import { useBackend } from '../src/core/model/backend';
import { Predictor } from '../src/core/predictor';
import type { TokenizerConfig } from '../src/core/text/types';
import { percentile } from './browser/inference';
import { readLabelledCsv } from './csv';
import { DATASETS, locateData, prepareDataset } from './datasets';
import { median } from './measure';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SEEDS = option('seeds', '42,1,2').split(',').map(Number);
const TEXTS = Number(option('texts', '300'));
const WORDS = 100;
const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'bench', 'results');
const work = mkdtempSync(join(tmpdir(), 'sift-runtime-bench-'));

const sms = DATASETS.find((d) => d.name === 'sms_spam');
if (!sms) throw new Error('bench/datasets.ts has no sms_spam');
const data = prepareDataset(locateData(undefined).dir, sms);

interface TrainRun {
  config: string;
  seed: number;
  weights: string;
  maskPii: boolean;
  bundleBytes: number;
  testAccuracy: number;
  out: string;
}

/** `sift train` on the split's training file, tested on its test file. */
function train(config: string, seed: number, flags: string[]): TrainRun {
  const out = join(work, `${config}-${seed}.sift.zip`);
  const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'train', data.trainPath, '--test', data.testPath, '--seed', String(seed), '--out', out, '--json', ...flags], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`sift train (${config}, seed ${seed}) failed: ${run.stderr}`);
  const json = JSON.parse(run.stdout.trimEnd().split('\n').at(-1) ?? '{}') as { bundleBytes: number; weights: string; settings: { maskPii: boolean }; test: { accuracy: number } };
  const result = { config, seed, weights: json.weights, maskPii: json.settings.maskPii, bundleBytes: json.bundleBytes, testAccuracy: json.test.accuracy, out };
  console.log(`${config} seed ${seed}: ${result.weights}, mask ${result.maskPii}, ${(result.bundleBytes / 1e6).toFixed(3)} MB, test ${(100 * result.testAccuracy).toFixed(2)}%`);
  return result;
}

const timeOnly = args.includes('--time-only') ? option('time-only', '') : null;
const runs: TrainRun[] = [];
for (const seed of timeOnly === null ? SEEDS : []) {
  runs.push(train('default', seed, []));
  runs.push(train('float32-keep-pii', seed, ['--weights', 'float32', '--keep-pii']));
  if (seed === SEEDS[0]) runs.push(train('float32', seed, ['--weights', 'float32']));
}

/** `count` texts of exactly `words` words (as Sift counts them), each from consecutive test messages. */
function textsOfWords(messages: string[], tokenizer: TokenizerConfig, count: number, words: number): string[] {
  const texts: string[] = [];
  for (let start = 0; texts.length < count && start < messages.length; start++) {
    let text = '';
    for (let i = start; i < messages.length; i++) {
      text = text === '' ? messages[i] : `${text} ${messages[i]}`;
      const counted = tokenizeWithWords(text, tokenizer).words.filter((w) => !w.punctuation);
      if (counted.length >= words) {
        texts.push(text.slice(0, counted[words - 1].end));
        break;
      }
    }
  }
  return texts;
}

// predict.mjs against the in-process Predictor, on the default bundle of the first seed.
const bundlePath = timeOnly ?? runs[0].out;
const bytes = new Uint8Array(readFileSync(bundlePath));
const dir = join(work, 'unzipped');
mkdirSync(dir);
for (const [name, content] of Object.entries(unzipSync(bytes))) writeFileSync(join(dir, name), content);
await useBackend('cpu'); // importBundle decodes with tfjs; prediction itself is plain JS
const model = await importBundle(bytes);
const predictor = Predictor.create(model);
const texts = textsOfWords(readLabelledCsv(data.testPath).map((r) => r.text), model.manifest.tokenizer, TEXTS, WORDS);
writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts));

/** ms per call of `f` on each text, after a warm-up pass over all of them. */
function timePerText(f: (text: string) => unknown): number[] {
  for (const text of texts) f(text);
  return texts.map((text) => {
    const started = performance.now();
    f(text);
    return performance.now() - started;
  });
}

writeFileSync(
  join(dir, 'time.mjs'),
  `import { readFile } from 'node:fs/promises';
import { load } from './predict.mjs';
const model = await load({ 'model.json': await readFile('model.json'), 'weights.bin': await readFile('weights.bin'), 'sift.json': await readFile('sift.json') });
const texts = JSON.parse(await readFile('texts.json', 'utf8'));
const time = (f) => { for (const t of texts) f(t); return texts.map((t) => { const s = performance.now(); f(t); return performance.now() - s; }); };
console.log(JSON.stringify({ predict: time((t) => model.predict(t)), explain: time((t) => model.explain(t)) }));
`,
);
const child = await promisify(execFile)(process.execPath, ['time.mjs'], { cwd: dir, maxBuffer: 64 * 2 ** 20 });
const runtime = JSON.parse(child.stdout) as { predict: number[]; explain: number[] };
const inProcess = { predict: timePerText((t) => predictor.predict(t)), explain: timePerText((t) => predictor.explain(t)) };

const stats = (xs: number[]) => ({ p50: median(xs), p95: percentile(xs, 95) });
if (timeOnly !== null) {
  const line = (what: string, xs: number[]) => `${what}: p50 ${stats(xs).p50.toFixed(3)} ms, p95 ${stats(xs).p95.toFixed(3)} ms`;
  console.log([line('predict.mjs predict', runtime.predict), line('Predictor predict', inProcess.predict), line('predict.mjs explain', runtime.explain), line('Predictor explain', inProcess.explain)].join('\n'));
  process.exit(0);
}
const predictMjs = readFileSync(join(dir, 'predict.mjs'));
const byConfig = (config: string) => runs.filter((r) => r.config === config);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const defaults = byConfig('default');
const keepPii = byConfig('float32-keep-pii');
const float32 = byConfig('float32')[0];
const result = {
  measuredAt: new Date().toISOString(),
  dataset: { name: 'sms_spam', split: 'seeded 80/20 (bench/datasets.ts)', train: data.trainRows, test: data.testRows },
  runs: runs.map(({ out: _out, ...r }) => r),
  sizeRatio: defaults[0].bundleBytes / float32.bundleBytes,
  accuracyPoints: { default: 100 * mean(defaults.map((r) => r.testAccuracy)), float32KeepPii: 100 * mean(keepPii.map((r) => r.testAccuracy)) },
  predictMjs: { bytes: predictMjs.byteLength },
  timePer100WordText: { texts: texts.length, predictMjsNode: { predict: stats(runtime.predict), explain: stats(runtime.explain) }, siftPredictor: { predict: stats(inProcess.predict), explain: stats(inProcess.explain) } },
  loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'runtime.json'), JSON.stringify(result, null, 2) + '\n');

const ms = (s: { p50: number; p95: number }) => `${s.p50.toFixed(3)} / ${s.p95.toFixed(3)}`;
const t = result.timePer100WordText;
const md = [
  `# Taking a model home (bench/runtime.ts, ${result.measuredAt.slice(0, 10)})`,
  '',
  `SMS spam, seeded 80/20 split (${data.trainRows} train, ${data.testRows} test), CLI defaults; seeds ${SEEDS.join(', ')}.`,
  '',
  '| configuration | seed | weights | masked | bundle | test accuracy |',
  '|---|---|---|---|---|---|',
  ...runs.map((r) => `| ${r.config} | ${r.seed} | ${r.weights} | ${r.maskPii ? 'yes' : 'no'} | ${(r.bundleBytes / 1e6).toFixed(3)} MB | ${(100 * r.testAccuracy).toFixed(2)}% |`),
  '',
  `Default bundle: ${(100 * result.sizeRatio).toFixed(1)}% of the float32 bundle's size (seed ${SEEDS[0]}); test accuracy ${result.accuracyPoints.default.toFixed(2)}% against ${result.accuracyPoints.float32KeepPii.toFixed(2)}% for \`--weights float32 --keep-pii\` (mean over the seeds).`,
  '',
  `predict.mjs: ${predictMjs.byteLength.toLocaleString('en-US')} bytes. Time per ${WORDS}-word text (${t.texts} texts from the test messages), wall-clock ms, p50 / p95 (load average ${result.loadAverage}):`,
  '',
  '| | predict() | explain() |',
  '|---|---|---|',
  `| predict.mjs in plain Node | ${ms(t.predictMjsNode.predict)} | ${ms(t.predictMjsNode.explain)} |`,
  `| sift predict's Predictor, in process | ${ms(t.siftPredictor.predict)} | ${ms(t.siftPredictor.explain)} |`,
  '',
].join('\n');
writeFileSync(join(OUT, 'runtime.md'), md);
console.log(md);
