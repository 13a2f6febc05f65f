import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_SNIPPET } from '@/core/bundle/runtimeUsage';
import { importBundle } from '@/core/bundle/import';
import { explanationRecord, predictionRecord, type ExplanationRecord, type PredictionRecord } from '@/core/predictionRecord';
import { Predictor } from '@/core/predictor';
import { runCli } from '../../tests/helpers/runCli';
import { RUNTIME_DATASETS, unzippedBundle, type RuntimeDataset, type UnzippedBundle } from '../../tests/helpers/runtimeBundles';

const run = promisify(execFile);
const RUNNER = new URL('../../tests/helpers/runtimeRunner.mjs', import.meta.url);

/** Runs predict.mjs with plain `node` (no tsx, no vitest) in the bundle's folder; its stdout as JSON. */
async function inPlainNode<T>(dir: string, ...args: string[]): Promise<T> {
  copyFileSync(RUNNER, join(dir, 'runner.mjs'));
  const { stdout } = await run(process.execPath, ['runner.mjs', ...args], { cwd: dir, maxBuffer: 64 * 2 ** 20 });
  return JSON.parse(stdout) as T;
}

const maxDifference = (a: PredictionRecord, b: PredictionRecord): number => Math.max(...Object.keys(b.probabilities).map((l) => Math.abs(a.probabilities[l] - b.probabilities[l])));

describe.each(Object.keys(RUNTIME_DATASETS) as RuntimeDataset[])('predict.mjs in plain Node on %s', (name) => {
  let bundle: UnzippedBundle;
  let predictor: Predictor;

  beforeAll(async () => {
    bundle = await unzippedBundle(name);
    predictor = Predictor.create(await importBundle(new Uint8Array(readFileSync(bundle.bundlePath))));
  });

  it("gives sift predict's label and probabilities (within 1e-4) for 300 test texts", async () => {
    const runtime = await inPlainNode<PredictionRecord[]>(bundle.dir, 'predict');
    const cli = await runCli(['predict', bundle.bundlePath, '--file', join(bundle.dir, 'texts.txt'), '--json']);
    expect(cli.code).toBe(0);
    const predictions = cli.json.predictions as (PredictionRecord & { text: string })[];
    expect(predictions.map((p) => p.text)).toEqual(bundle.texts);
    expect(runtime).toHaveLength(300);
    runtime.forEach((r, i) => {
      expect(r.label).toBe(predictions[i].label);
      expect(maxDifference(r, predictions[i])).toBeLessThanOrEqual(1e-4);
    });
    // The very same code as Sift's in-process Predictor: the same numbers, not merely close ones.
    expect(runtime).toEqual(predictor.predictMany(bundle.texts).map(predictionRecord));
  });

  it("explains each word as Sift's Try box and sift predict do", async () => {
    writeFileSync(join(bundle.dir, 'few.txt'), bundle.texts.slice(0, 5).join('\n'));
    const runtime = await inPlainNode<ExplanationRecord[]>(bundle.dir, 'explain', 'few.txt');
    expect(runtime).toEqual(bundle.texts.slice(0, 5).map((t) => explanationRecord(predictor.explain(t))));
    expect(runtime[0].words.length).toBeGreaterThan(0);
  });

  it('reproduces golden.json, as a port to another language would check itself', async () => {
    const golden = await inPlainNode<{ checked: number; failures: string[] }>(bundle.dir, 'golden');
    expect(golden.checked).toBeGreaterThanOrEqual(20);
    expect(golden.failures).toEqual([]);
  });
});

describe("the model card's lines", () => {
  it('load and predict in Node as written, from the unzipped folder', async () => {
    const bundle = await unzippedBundle('TREC-6', 1);
    const card = readFileSync(join(bundle.dir, 'README.md'), 'utf8');
    const block = /In Node[^\n]*\n\n```js\n([\s\S]*?)\n```/.exec(card)?.[1];
    expect(block).toBe(NODE_SNIPPET);
    writeFileSync(join(bundle.dir, 'snippet.mjs'), block!);
    const { stdout } = await run(process.execPath, ['snippet.mjs'], { cwd: bundle.dir });
    const predictor = Predictor.create(await importBundle(new Uint8Array(readFileSync(bundle.bundlePath))));
    expect(JSON.parse(stdout)).toEqual(predictionRecord(predictor.predict('some text')));
  });
});

describe('predict.mjs with a bundle of Sift 0.2.0', () => {
  it('predicts what Sift 0.2.0 predicted (no masking, float32 weights)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-0.2.0-'));
    const files = unzipSync(new Uint8Array(readFileSync(new URL('../../tests/fixtures/sift-0.2.0-sms.sift.zip', import.meta.url))));
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    // A bundle of 0.2.0 carries no runtime: today's is used beside its files.
    writeFileSync(join(dir, 'predict.mjs'), (await import('@/core/bundle/predictModule.generated')).PREDICT_MODULE);
    writeFileSync(join(dir, 'texts.txt'), ['Call 08000930705 now to claim your prize', 'ok see you later', 'URGENT! call 09061701461 from a landline'].join('\n'));
    const spam = (await inPlainNode<PredictionRecord[]>(dir, 'predict')).map((p) => p.probabilities.spam);
    // From `npm run sift -- predict` of Sift 0.2.0 on this file (as in bundle.test.ts).
    [0.5761143565177917, 0.12095334380865097, 0.6540308594703674].forEach((p, i) => expect(spam[i]).toBeCloseTo(p, 6));
  });
});
