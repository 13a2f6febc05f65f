/** The browser section of latest.md: examples/s per backend and main-thread long tasks. */
import { markdownTable } from '../report';
import type { BrowserBackendResult, BrowserSection } from './types';

const grouped = new Intl.NumberFormat('en-US');
const whole = (n: number): string => grouped.format(Math.round(n));
const secondsOf = (ms: number | null): string => (ms === null ? 'n/a' : (ms / 1000).toFixed(1));

/** What the backend line says after "chosen by you; " (the training path and its measured speed). */
function pathOf(result: Extract<BrowserBackendResult, { status: 'ok' }>): string {
  const after = result.backendLine.split(/chosen by you;?\s*/)[1];
  const path = (after ?? '').replace(/\.\s*$/, '').trim();
  return path === '' ? '–' : path;
}

export function renderBrowserMarkdown(section: BrowserSection): string {
  const header = ['backend', 'examples/s per epoch', 'median examples/s', 'Train → 1st epoch row s', 'training s', 'longest main-thread task ms', 'long tasks > 50 ms', 'path'];
  const rows = section.results.map((r): string[] => {
    if (r.status === 'failed') return [r.backend, `failed: ${r.error.slice(0, 200)}`, '', '', '', '', '', ''];
    return [
      r.backend,
      r.epochs.map((e) => whole(e.examplesPerSecond)).join(' / '),
      whole(r.medianExamplesPerSecond),
      secondsOf(r.firstEpochMs),
      secondsOf(r.trainingMs),
      whole(r.longestTaskMs),
      String(r.longTasks),
      pathOf(r),
    ];
  });
  return [
    `## In the browser (headless ${section.chromium})`,
    '',
    `The production build (${section.build === 'built' ? 'built by this run' : 'dist/ reused'}) served by \`vite preview\`; for each backend a fresh profile loads the sample "${section.sample}", sets Epochs to ${section.epochs} and the Backend, and trains. *examples/s per epoch*: the last figure the progress line showed in each epoch. *long tasks*: main-thread tasks over 50 ms from the Train click to "Train again" (PerformanceObserver \`longtask\`).`,
    '',
    markdownTable(header, rows),
    '',
  ].join('\n');
}
