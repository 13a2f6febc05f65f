/**
 * The scale files through the app in headless Chromium, one fresh browser per file, as a person
 * would: "Choose a file", the data check, Train, and Stop as soon as the first point is on the
 * charts. Times are taken in the page (the file input's change event, the data check shown, the
 * app's own 'sift:train-start' / 'sift:first-point' marks); memory is the peak resident memory of
 * the renderer processes (the tab and its worker) and of the whole browser, sampled from /proc.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../browser/journey';
import { browserPidForProfile, cpuSeconds, peakSampler, processTree, rendererPids, rssMiB } from '../browser/processMemory';
import type { PageFigures } from './types';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SAMPLE_MS = 50;
/** The processes are looked up again this often: the worker's renderer may start after the page's. */
const REFRESH_PIDS_MS = 2000;

/**
 * Installed before any page script: the change event of a file input, the data check's first
 * appearance, and every change of the reading progress bar's value (polled every 50 ms, so a
 * main thread too busy to poll shows as a gap, as it would to a person). A string, so that no
 * transform of this file wraps it in helpers the page lacks.
 */
const CLOCK = `(() => {
  const s = window.__siftScale = { changeAt: null, checkAt: null, values: [] };
  document.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'file') { s.changeAt = performance.now(); s.checkAt = null; s.values = []; }
  }, true);
  let last = null;
  setInterval(() => {
    if (s.changeAt === null || s.checkAt !== null) return;
    const bar = document.querySelector('.parse-progress progress');
    const value = bar && bar.hasAttribute('value') ? bar.value : null;
    if (value !== last) { last = value; s.values.push({ at: performance.now(), value }); }
  }, 50);
  new MutationObserver(() => {
    if (s.changeAt !== null && s.checkAt === null && document.querySelector('.data-check')) s.checkAt = performance.now();
  }).observe(document, { subtree: true, childList: true });
})()`;

interface Clock {
  changeAt: number | null;
  checkAt: number | null;
  values: { at: number; value: number | null }[];
}

/**
 * The longest time (ms) between the change event and the data check during which the bar showed
 * no value or the same value: the longest a person watched it stand still.
 */
export function longestStill(clock: Clock): number {
  if (clock.changeAt === null || clock.checkAt === null) return Number.NaN;
  let longest = 0;
  let since = clock.changeAt;
  for (const { at, value } of clock.values) {
    if (value === null) continue; // no value yet (or again): still standing since the last real value
    longest = Math.max(longest, at - since);
    since = at;
  }
  return Math.max(longest, clock.checkAt - since);
}

async function markTime(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name, { timeout: timeoutMs, polling: 100 });
  return (await handle.jsonValue()) as number;
}

/** Reads `file` in a fresh browser, trains to the first point and stops; throws when something fails. */
export async function measurePage(url: string, file: string, timeoutMs: number): Promise<PageFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'sift-bench-scale-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, args: CHROMIUM_ARGS });
  try {
    await context.addInitScript(CLOCK);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
    const root = browserPidForProfile(profile);
    if (root === null) throw new Error('the browser process was not found');
    let renderers = rendererPids(root);
    let all = processTree(root);
    const refresh = setInterval(() => {
      renderers = rendererPids(root);
      all = processTree(root);
    }, REFRESH_PIDS_MS);
    const tab = peakSampler(() => rssMiB(renderers), SAMPLE_MS);
    const browser = peakSampler(() => rssMiB(all), SAMPLE_MS);
    try {
      const loadCpu = cpuSeconds(renderers);
      await page.getByLabel('Choose a file').setInputFiles(file);
      await page.locator('.data-check').waitFor({ timeout: timeoutMs });
      renderers = rendererPids(root);
      const loadCpuSeconds = cpuSeconds(renderers) - loadCpu;
      const tabAtDataCheckMiB = rssMiB(renderers);
      const clock = (await page.evaluate('window.__siftScale')) as Clock;
      const train = page.getByRole('button', { name: 'Train', exact: true });
      const trainCpu = cpuSeconds(renderers);
      await train.click({ timeout: timeoutMs });
      const startAt = await markTime(page, 'sift:train-start', 10_000);
      const firstAt = await markTime(page, 'sift:first-point', timeoutMs);
      const trainToFirstBatchCpuSeconds = cpuSeconds(renderers) - trainCpu;
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.locator('#train .outcome, #train [role="alert"]').first().waitFor({ timeout: timeoutMs });
      const alert = await page.locator('#train [role="alert"]').first().textContent({ timeout: 500 }).catch(() => null);
      if (alert !== null) throw new Error(`training failed: ${alert.replace(/\s+/g, ' ').trim()}`);
      const stoppedAt = (await page.evaluate('performance.now()')) as number;
      // Saving the file in IndexedDB goes on after the data check; give it its time before reading the notice.
      const savingNote = await page.locator('header .notice').first().textContent({ timeout: 2000 }).catch(() => null);
      return {
        loadSeconds: clock.changeAt !== null && clock.checkAt !== null ? (clock.checkAt - clock.changeAt) / 1000 : Number.NaN,
        longestProgressGapSeconds: longestStill(clock) / 1000,
        loadCpuSeconds,
        tabAtDataCheckMiB,
        trainToFirstBatchSeconds: (firstAt - startAt) / 1000,
        trainToFirstBatchCpuSeconds,
        trainToStoppedSeconds: (stoppedAt - startAt) / 1000,
        tabPeakMiB: tab.stop(),
        browserPeakMiB: browser.stop(),
        savingNote: savingNote?.replace(/\s+/g, ' ').trim() ?? null,
      };
    } finally {
      clearInterval(refresh);
      tab.stop();
      browser.stop();
    }
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
