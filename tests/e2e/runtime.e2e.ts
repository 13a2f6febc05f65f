/**
 * Journey: a model taken home and used without Sift. A trained bundle is unzipped into a folder
 * and served by a plain static server (no Sift, no headers); its example.html predicts as the
 * text is typed, the model card's page lines run as written, and predict.mjs in Chromium gives
 * the label `sift predict` gives (Sift's in-process Predictor) and probabilities within 1e-4 on
 * 300 test texts of TREC-6 and of THUCNews titles.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '@/core/bundle/import';
import { PAGE_SNIPPET } from '@/core/bundle/runtimeUsage';
import { predictionRecord, type PredictionRecord } from '@/core/predictionRecord';
import { Predictor } from '@/core/predictor';
import { RUNTIME_DATASETS, unzippedBundle, type RuntimeDataset, type UnzippedBundle } from '../helpers/runtimeBundles';
import { serveFolder, type StaticHost } from '../helpers/staticServer';
import { openSession, type Session } from './session';

describe.each(Object.keys(RUNTIME_DATASETS) as RuntimeDataset[])('an exported %s model, unzipped and served by a plain static server', (name) => {
  let bundle: UnzippedBundle;
  let predictor: Predictor;
  let host: StaticHost;
  let s: Session;

  beforeAll(async () => {
    bundle = await unzippedBundle(name);
    predictor = Predictor.create(await importBundle(new Uint8Array(readFileSync(bundle.bundlePath))));
    host = await serveFolder(bundle.dir);
    s = await openSession(host.url, `runtime-${name.replace(/\W+/g, '-').toLowerCase()}`);
  });

  afterAll(async () => {
    await s?.close();
    await host?.close();
  });

  it('example.html predicts the text typed into it', async () => {
    const { page } = s;
    await page.goto(`${host.url}example.html`);
    const prediction = page.getByRole('status');
    await expect.poll(() => prediction.textContent(), { timeout: 30_000 }).toMatch(/^Prediction: /);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(predictor.manifest.name);
    const text = bundle.texts[0];
    await page.getByLabel('Text').fill(text);
    await expect.poll(() => prediction.textContent(), { timeout: 10_000 }).toBe(`Prediction: ${predictor.predict(text).label}`);
    const items = await page.getByRole('list', { name: 'Probability of each label' }).getByRole('listitem').allTextContents();
    expect(items).toHaveLength(predictor.labels.length);
    await s.shot('example');
  });

  it("runs the model card's page lines as written", async () => {
    const { page } = s;
    const logged = page.waitForEvent('console', { predicate: (m) => m.type() === 'log' });
    await page.addScriptTag({ type: 'module', content: PAGE_SNIPPET });
    const message = await logged;
    expect(await message.args()[0].jsonValue()).toEqual(predictionRecord(predictor.predict('some text')));
  });

  it("gives sift predict's label and probabilities within 1e-4 on 300 test texts", async () => {
    // A string, not a function: the test runner would rewrite a function's import() for Node.
    const inPage = (await s.page.evaluate(`(async () => {
      const { loadFromUrl } = await import(new URL('predict.mjs', location.href).href);
      const model = await loadFromUrl('.');
      return ${JSON.stringify(bundle.texts)}.map((text) => model.predict(text));
    })()`)) as PredictionRecord[];
    const expected = predictor.predictMany(bundle.texts).map(predictionRecord);
    expect(inPage).toHaveLength(300);
    const worst = Math.max(...inPage.flatMap((p, i) => Object.keys(p.probabilities).map((l) => Math.abs(p.probabilities[l] - expected[i].probabilities[l]))));
    const differing = inPage.flatMap((p, i) => (p.label === expected[i].label ? [] : [{ text: bundle.texts[i], page: p, node: expected[i] }]));
    if (differing.length > 0) console.log('DIFF', JSON.stringify(differing.slice(0, 5), null, 1));
    expect(inPage.map((p) => p.label)).toEqual(expected.map((p) => p.label));
    expect(worst).toBeLessThanOrEqual(1e-4);
    console.log(`${name}: 300 texts, same labels, largest probability difference ${worst}`);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
