/** The browser part of the bench: build (or reuse) the app, serve it, train once per backend. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM, runBackend, SAMPLE_BUTTON } from './journey';
import { buildApp, hasBuild, startPreview } from './serve';
import { BROWSER_BACKENDS, type BrowserBackendResult, type BrowserSection } from './types';

export const BROWSER_EPOCHS = 2;
/** Per backend; cpu on a loaded 2-core machine is the slow one. */
const BACKEND_TIMEOUT_MS = 600_000;

export interface BrowserBenchOptions {
  build: boolean;
  log(message: string): void;
}

function chromiumVersion(): string {
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().replace(/\s+built on .*$/, '') : CHROMIUM;
}

/** Says what is missing, or null when the browser bench can run. */
export function browserPreflight(build: boolean): string | null {
  if (!existsSync(CHROMIUM)) return `browser bench: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set SIFT_CHROMIUM)`;
  if (!build && !hasBuild()) return 'browser bench: --no-build, but dist/ has no build (run `npm run build`)';
  return null;
}

export async function runBrowserBench({ build, log }: BrowserBenchOptions): Promise<BrowserSection> {
  if (build) {
    log('browser: building the app (vite build)…');
    buildApp();
  }
  const preview = await startPreview();
  log(`browser: serving dist/ at ${preview.url}`);
  const results: BrowserBackendResult[] = [];
  try {
    for (const backend of BROWSER_BACKENDS) {
      log(`browser: ${backend}: training the sample for ${BROWSER_EPOCHS} epochs…`);
      const result = await runBackend({ url: preview.url, backend, epochs: BROWSER_EPOCHS, timeoutMs: BACKEND_TIMEOUT_MS });
      results.push(result);
      log(
        result.status === 'ok'
          ? `browser: ${backend}: ${result.epochs.map((e) => Math.round(e.examplesPerSecond)).join(' / ')} examples/s, longest main-thread task ${result.longestTaskMs} ms (${result.longTasks} over 50 ms), ${result.journeySeconds.toFixed(0)} s`
          : `browser: ${backend}: FAILED: ${result.error}`,
      );
    }
  } finally {
    await preview.stop();
  }
  return { sample: SAMPLE_BUTTON.replace(/^Try a sample: /, ''), epochs: BROWSER_EPOCHS, chromium: chromiumVersion(), build: build ? 'built' : 'reused', results };
}
