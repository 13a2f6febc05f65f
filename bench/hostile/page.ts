/**
 * The hostile bundles through the app in headless Chromium: each is opened with "Open model" in
 * one tab, as a person would, and timed from the file being chosen to the page's message (the
 * error and its code, or the model's name). Memory: the peak resident memory of the browser's
 * renderer processes (the tab and its worker, where the bundle is read), sampled from /proc every
 * 20 ms, since a tab that dies of a zip bomb dies of exactly that.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../browser/journey';
import type { Refusal } from './types';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CASE_TIMEOUT_MS = 180_000;
const SAMPLE_MS = 20;

/** Sum of VmRSS (MiB) of the renderer processes descending from `root`. */
function rendererMiB(root: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the parenthesised command (which may hold spaces).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  let kib = 0;
  for (const pid of parents.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // Gone meanwhile.
    }
  }
  return kib / 1024;
}

/** Samples `measure` every SAMPLE_MS until stopped; returns the largest value seen. */
function peakSampler(measure: () => number): { stop(): number } {
  let peak = measure();
  const timer = setInterval(() => (peak = Math.max(peak, measure())), SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, measure());
    },
  };
}

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
export async function pageRefusals(url: string, bundles: { id: string; bytes: Uint8Array }[]): Promise<Map<string, Refusal>> {
  // A browser server, not a plain launch: only the server hands out the browser's process id.
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const results = new Map<string, Refusal>();
  try {
    const root = server.process().pid;
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
    await page.getByText('No model yet').waitFor({ timeout: 60_000 });
    // Warm-up, not measured: the first file opened also starts the worker and loads the engine.
    const warmUp = await openBundle(page, 'warm-up.sift.zip', new TextEncoder().encode('not a zip'));
    if (warmUp.kind !== 'error') throw new Error(`the warm-up file was not refused (${warmUp.kind})`);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    for (const { id, bytes } of bundles) {
      const sampler = root === undefined ? null : peakSampler(() => rendererMiB(root));
      const started = performance.now();
      const outcome = await openBundle(page, `${id}.sift.zip`, bytes);
      const seconds = (performance.now() - started) / 1000;
      const peakMiB = sampler?.stop() ?? null;
      results.set(id, { errorCode: outcome.kind === 'error' ? outcome.code : outcome.kind === 'timeout' ? 'timeout' : null, seconds, peakMiB });
      if (outcome.kind === 'error') await page.getByRole('button', { name: 'Dismiss' }).click();
      if (outcome.kind === 'timeout') break; // the tab is stuck or gone: later figures would mean nothing
    }
  } finally {
    await server.close();
  }
  return results;
}
