/**
 * One person's browser for a journey: Chromium with a fresh profile, a record of every request
 * (nothing may leave the page's origin), console errors, CSP violations and long main-thread
 * tasks, and numbered screenshots under test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const RESULTS = join(process.cwd(), 'test-results', 'e2e');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL requested by the page and its workers. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  screenshots: string[];
  shot(step: string): Promise<void>;
  /** URLs that went somewhere other than the app's own origin (data: and blob: are local). */
  foreignRequests(): string[];
  /** Whether the page scrolls sideways (document wider than the window): it never should. */
  scrollsSideways(): Promise<{ scrollWidth: number; clientWidth: number; sideways: boolean }>;
  close(): Promise<void>;
}

/** Installed before any page script: records long tasks (> 50 ms) on the main thread. */
const LONG_TASK_PROBE = `
  window.__siftLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__siftLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

export interface SessionOptions {
  /**
   * The browser's language (navigator.language, Accept-Language). English by default, whatever the
   * machine's own locale: the journeys select the English page's names.
   */
  locale?: string;
  /** The system's colour scheme the page sees (prefers-color-scheme). */
  colorScheme?: 'light' | 'dark';
}

export async function openSession(baseUrl: string, journey: string, viewport = { width: 1280, height: 800 }, options: SessionOptions = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'sift-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    args: CHROMIUM_ARGS,
  });
  await context.addInitScript(LONG_TASK_PROBE);
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const errors: string[] = [];
  const screenshots: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const dir = join(RESULTS, journey);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const origin = new URL(baseUrl).origin;
  return {
    context,
    page,
    requests,
    errors,
    screenshots,
    async shot(step) {
      const path = join(dir, `${String(screenshots.length + 1).padStart(2, '0')}-${step}.png`);
      await page.screenshot({ path, fullPage: true });
      screenshots.push(path);
    },
    scrollsSideways: () =>
      page.evaluate(() => {
        const { scrollWidth, clientWidth } = document.documentElement;
        return { scrollWidth, clientWidth, sideways: scrollWidth > clientWidth };
      }),
    foreignRequests: () => requests.filter((u) => !(u.startsWith(`${origin}/`) || u === origin || u.startsWith('data:') || u.startsWith('blob:'))),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Drops a file on an element the way a person's drag and drop does (a real DataTransfer). */
export async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array, type = 'text/csv'): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { base64: Buffer.from(bytes).toString('base64'), name, type },
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
