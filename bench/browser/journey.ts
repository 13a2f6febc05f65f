/**
 * One backend's run of the app in headless Chromium: a fresh profile loads the SMS sample,
 * sets the epochs and the backend, trains, and reports what the page showed while it did; then
 * the trained model answers the Try box for texts of 100 words (inference.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { epochThroughputs, longestTask, medianThroughput, parseProgressLine, tasksWithin } from './figures';
import { measureInference } from './inference';
import type { BrowserBackend, BrowserBackendResult, InferenceFigures, LongTask } from './types';

export const CHROMIUM = process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium';
/** From /work/shared/BROWSER.md: without the background-networking flags Chromium tries to reach outside hosts. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SAMPLE_BUTTON = 'Try a sample: SMS spam (English)';

/**
 * Installed before any page script. Records long tasks, and once armed (just before the Train
 * click) every distinct text of the progress line, the first epoch-table row and the end of the
 * run. A MutationObserver costs far less main-thread time than polling the page from outside,
 * which would itself show up as long tasks.
 */
const PROBE = `
  window.__siftBench = { tasks: [], lines: [], armed: false, firstRowAt: null, doneAt: null, last: '' };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__siftBench.tasks.push({ startMs: e.startTime, durationMs: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver(() => {
    const b = window.__siftBench;
    if (!b.armed || b.doneAt !== null) return;
    const line = document.querySelector('.train-progress__line');
    const text = line ? line.textContent || '' : '';
    if (text !== '' && text !== b.last) { b.last = text; b.lines.push(text); }
    if (b.firstRowAt === null && document.querySelector('.metric-chart table tbody tr')) b.firstRowAt = performance.now();
    if (document.querySelector('#train .outcome, #train [role="alert"]')) b.doneAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

interface ProbeState {
  tasks: LongTask[];
  lines: string[];
  firstRowAt: number | null;
  doneAt: number | null;
  startAt: number | null;
  firstPointAt: number | null;
}

export interface JourneyOptions {
  url: string;
  backend: BrowserBackend;
  epochs: number;
  timeoutMs: number;
}

async function configure(page: Page, url: string, backend: BrowserBackend, epochs: number): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
  await page.getByRole('button', { name: SAMPLE_BUTTON }).click();
  await page.getByRole('table', { name: /Preview: the first \d+ rows of/ }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Epochs').fill(String(epochs));
  await page.getByText('Advanced settings').click();
  await page.locator('#setting-backend').selectOption(backend);
  // Playwright injects its helper script on the first waitForFunction (a ~50 ms task of its
  // own): do that before the measurement starts.
  await page.waitForFunction(() => true);
}

async function train(page: Page, timeoutMs: number): Promise<ProbeState> {
  await page.evaluate(() => {
    (window as unknown as { __siftBench: { armed: boolean } }).__siftBench.armed = true;
  });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __siftBench: { doneAt: number | null } }).__siftBench.doneAt !== null, undefined, {
    polling: 1000,
    timeout: timeoutMs,
  });
  // No named functions inside: tsx (esbuild keepNames) would wrap them in a __name helper the page lacks.
  return page.evaluate(() => {
    const b = (window as unknown as { __siftBench: Omit<ProbeState, 'startAt' | 'firstPointAt'> }).__siftBench;
    return {
      tasks: b.tasks,
      lines: b.lines,
      firstRowAt: b.firstRowAt,
      doneAt: b.doneAt,
      startAt: performance.getEntriesByName('sift:train-start')[0]?.startTime ?? null,
      firstPointAt: performance.getEntriesByName('sift:first-point')[0]?.startTime ?? null,
    };
  });
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** Runs one backend; every failure (no such backend here, training error, timeout) becomes a "failed" result. */
export async function runBackend({ url, backend, epochs, timeoutMs }: JourneyOptions): Promise<BrowserBackendResult> {
  const began = performance.now();
  const journeySeconds = (): number => (performance.now() - began) / 1000;
  const profile = mkdtempSync(join(tmpdir(), `sift-bench-${backend}-`));
  let context: BrowserContext | null = null;
  const pageErrors: string[] = [];
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, args: CHROMIUM_ARGS });
    await context.addInitScript(PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await configure(page, url, backend, epochs);
    const probe = await train(page, timeoutMs);
    const alert = await page.locator('#train [role="alert"]').first().textContent({ timeout: 1000 }).catch(() => null);
    if (alert !== null) return { backend, status: 'failed', error: alert.replace(/\s+/g, ' ').trim(), journeySeconds: journeySeconds() };
    const facts = page.locator('#train .backend-facts').first();
    const backendLine = ((await facts.textContent({ timeout: 5000 })) ?? '').replace(/\s+/g, ' ').trim();
    // The page's data attributes say which backend and training path ran (the sentence is for people).
    const [ranOn, path, pathSpeeds] = await Promise.all(['data-backend', 'data-path', 'data-path-speeds'].map((name) => facts.getAttribute(name)));
    if (ranOn !== backend) {
      return { backend, status: 'failed', error: `asked for ${backend}, the page says: ${backendLine}`, journeySeconds: journeySeconds() };
    }
    const samples = probe.lines.map(parseProgressLine).filter((s) => s !== null);
    const epochFigures = epochThroughputs(samples);
    if (epochFigures.length === 0) return { backend, status: 'failed', error: 'trained, but the progress line never showed examples/s', journeySeconds: journeySeconds() };
    const start = probe.startAt ?? 0;
    const done = probe.doneAt ?? start;
    const tasks = tasksWithin(probe.tasks, start, done);
    let inference: InferenceFigures | null = null;
    let inferenceError: string | undefined;
    try {
      inference = await measureInference(page, 30_000);
    } catch (error) {
      inferenceError = errorText(error);
    }
    return {
      backend,
      status: 'ok',
      epochs: epochFigures,
      medianExamplesPerSecond: medianThroughput(epochFigures),
      firstEpochMs: probe.firstRowAt === null || probe.startAt === null ? null : Math.round(probe.firstRowAt - start),
      firstPointMs: probe.firstPointAt === null || probe.startAt === null ? null : Math.round(probe.firstPointAt - start),
      trainingMs: Math.round(done - start),
      longestTaskMs: Math.round(longestTask(tasks)),
      longTasks: tasks.length,
      longTaskList: tasks.map((t) => ({ startMs: Math.round(t.startMs), durationMs: Math.round(t.durationMs) })),
      backendLine,
      path: path ?? 'unknown',
      ...(pathSpeeds !== null && { pathSpeeds: JSON.parse(pathSpeeds) as Record<string, number> }),
      inference,
      ...(inferenceError === undefined ? {} : { inferenceError }),
      journeySeconds: journeySeconds(),
    };
  } catch (error) {
    const seen = pageErrors.length > 0 ? ` (page: ${pageErrors.slice(-2).join(' | ')})` : '';
    return { backend, status: 'failed', error: `${errorText(error)}${seen}`, journeySeconds: journeySeconds() };
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
