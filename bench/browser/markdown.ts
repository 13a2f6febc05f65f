/** The browser section of latest.md: examples/s per backend and main-thread long tasks. */
import { markdownTable } from '../report';
import { INFERENCE_TEXTS, INFERENCE_WORDS } from './inference';
import type { BrowserBackendResult, BrowserSection } from './types';

const grouped = new Intl.NumberFormat('en-US');
const whole = (n: number): string => grouped.format(Math.round(n));
const secondsOf = (ms: number | null): string => (ms === null ? 'n/a' : (ms / 1000).toFixed(1));

/** The training path that ran, with both paths' speeds where the app timed them. */
function pathColumn(r: Extract<BrowserBackendResult, { status: 'ok' }>): string {
  if (!r.pathSpeeds) return r.path;
  return `${r.path} (${Object.entries(r.pathSpeeds).map(([path, speed]) => `${path} ${whole(speed)}/s`).join(', ')})`;
}

export function renderBrowserMarkdown(section: BrowserSection): string {
  const header = ['backend', 'examples/s per epoch', 'median examples/s', 'Train → 1st epoch row s', 'training s', 'longest main-thread task ms', 'long tasks > 50 ms', 'Try box in the worker p50 / p95 ms', 'path'];
  const rows = section.results.map((r): string[] => {
    if (r.status === 'failed') return [r.backend, `failed: ${r.error.slice(0, 200)}`, '', '', '', '', '', '', ''];
    return [
      r.backend,
      r.epochs.map((e) => whole(e.examplesPerSecond)).join(' / '),
      whole(r.medianExamplesPerSecond),
      secondsOf(r.firstEpochMs),
      secondsOf(r.trainingMs),
      whole(r.longestTaskMs),
      String(r.longTasks),
      r.inference ? `${r.inference.p50Ms.toFixed(2)} / ${r.inference.p95Ms.toFixed(2)}` : `failed: ${(r.inferenceError ?? '').slice(0, 120)}`,
      pathColumn(r),
    ];
  });
  return [
    `## In the browser (headless ${section.chromium})`,
    '',
    `The production build (${section.build === 'built' ? 'built by this run' : 'dist/ reused'}) served by \`vite preview\`; for each backend a fresh profile loads the sample "${section.sample}", sets Epochs to ${section.epochs} and the Backend, and trains. *examples/s per epoch*: the last figure the progress line showed in each epoch. *long tasks*: main-thread tasks over 50 ms from the Train click to "Train again" (PerformanceObserver \`longtask\`). *Try box in the worker*: after training, ${INFERENCE_TEXTS} texts of ${INFERENCE_WORDS} words (consecutive messages of the sample) typed into the Try box one at a time: the worker's time to tokenize, predict and explain each (the \`sift:explained\` mark the app sets).`,
    '',
    markdownTable(header, rows),
    '',
  ].join('\n');
}
