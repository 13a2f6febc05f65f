/**
 * The hostile bundles through the app in headless Chromium: each is opened with "Open model" in
 * one tab, as a person would, and timed in the page from the file input's change event to the
 * page's message (the error and its code, or the model's name). Memory: the peak resident memory of the browser's
 * renderer processes (the tab and its worker, where the bundle is read), sampled from /proc every
 * 20 ms, since a tab that dies of a zip bomb dies of exactly that. The sampler reads only those
 * processes' status files, found once after the warm-up, so that it takes little of the CPU.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../browser/journey';
import { peakSampler, rendererPids, rssMiB } from '../browser/processMemory';
import type { Refusal } from './types';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CASE_TIMEOUT_MS = 180_000;
const SAMPLE_MS = 20;

/**
 * Installed in the page: the time a file input reports its file ('change') and the time the
 * header first shows the outcome (an error with its code, or the opened model). Measured in the
 * page because handing a 6 MB file to Chromium through Playwright alone takes seconds. A string,
 * so that no transform of this file wraps it in helpers the page lacks.
 */
const CLOCK = `(() => {
  window.__siftHostile = { changeAt: null, shownAt: null };
  const shown = () => document.querySelector('header [role="alert"] code') !== null || /opened from a file/.test((document.querySelector('.model-status') || {}).textContent || '');
  document.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'file') window.__siftHostile = { changeAt: performance.now(), shownAt: null };
  }, true);
  new MutationObserver(() => {
    const h = window.__siftHostile;
    if (h.changeAt !== null && h.shownAt === null && shown()) h.shownAt = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

type Outcome = { kind: 'error'; code: string } | { kind: 'opened' } | { kind: 'timeout' };

async function openBundle(page: Page, name: string, bytes: Uint8Array): Promise<Outcome> {
  await page.getByLabel('Open model').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  try {
    await page.waitForFunction(
      () => document.querySelector('header [role="alert"] code') !== null || /opened from a file/.test(document.querySelector('.model-status')?.textContent ?? ''),
      undefined,
      { timeout: CASE_TIMEOUT_MS, polling: 50 },
    );
  } catch {
    return { kind: 'timeout' };
  }
  const code = await page.locator('header [role="alert"] code').first().textContent({ timeout: 1000 }).catch(() => null);
  return code === null ? { kind: 'opened' } : { kind: 'error', code };
}

/**
 * Opens each bundle in turn in one tab (the valid one last: after it the page shows a model) and
 * returns each one's refusal, by id. Throws when the browser or the page cannot start.
 */
export async function pageRefusals(url: string, bundles: { id: string; bytes: Uint8Array }[], warmUpBytes: Uint8Array): Promise<Map<string, Refusal>> {
  // A browser server, not a plain launch: only the server hands out the browser's process id.
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const results = new Map<string, Refusal>();
  try {
    const root = server.process().pid;
    if (root === undefined) throw new Error('the browser process has no id');
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
    await page.getByText('No model yet').waitFor({ timeout: 60_000 });
    await page.evaluate(CLOCK);
    // Warm-up, not measured: the first file opened also starts the worker and loads the engine;
    // `warmUpBytes` (refused late, after its weights are decoded) takes the import's whole path once.
    const warmUp = await openBundle(page, 'warm-up.sift.zip', warmUpBytes);
    if (warmUp.kind !== 'error') throw new Error(`the warm-up file was not refused (${warmUp.kind})`);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    const renderers = rendererPids(root);
    for (const { id, bytes } of bundles) {
      const sampler = peakSampler(() => rssMiB(renderers), SAMPLE_MS);
      const outcome = await openBundle(page, `${id}.sift.zip`, bytes);
      const peakMiB = sampler.stop();
      const clock = (await page.evaluate('window.__siftHostile')) as { changeAt: number | null; shownAt: number | null };
      const seconds = clock.changeAt !== null && clock.shownAt !== null ? (clock.shownAt - clock.changeAt) / 1000 : Number.NaN;
      results.set(id, { errorCode: outcome.kind === 'error' ? outcome.code : outcome.kind === 'timeout' ? 'timeout' : null, seconds, peakMiB });
      if (outcome.kind === 'error') await page.getByRole('button', { name: 'Dismiss' }).click();
      if (outcome.kind === 'timeout') break; // the tab is stuck or gone: later figures would mean nothing
    }
  } finally {
    await server.close();
  }
  return results;
}
