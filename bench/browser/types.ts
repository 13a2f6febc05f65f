/** Shapes of the browser benchmark: one training run of the app per tfjs backend in headless Chromium. */

export const BROWSER_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

/** One reading of the page's progress line ("Epoch 1 of 2 · batch 12 of 70 · 1,234 examples/s …"). */
export interface ProgressSample {
  epoch: number;
  totalEpochs: number;
  batch: number;
  batchesPerEpoch: number;
  examplesPerSecond: number;
}

/** Throughput of one epoch: the last progress line the page showed for it. */
export interface EpochThroughput {
  epoch: number;
  /** Examples per second since the start of the epoch, as the page showed it. */
  examplesPerSecond: number;
  /** The batch that reading was taken at (the epoch's last batch unless a frame merged it away). */
  batch: number;
  batchesPerEpoch: number;
}

/** A main-thread task longer than 50 ms (PerformanceObserver 'longtask'), times relative to the Train click. */
export interface LongTask {
  startMs: number;
  durationMs: number;
}

/** The Try box's answers in the worker for texts of `words` words (tokenize, predict, explain). */
export interface InferenceFigures {
  texts: number;
  words: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface BackendRunBase {
  backend: BrowserBackend;
  /** Wall time of the whole journey for this backend (page load to trained), in seconds. */
  journeySeconds: number;
}

export type BrowserBackendResult =
  | (BackendRunBase & {
      status: 'ok';
      epochs: EpochThroughput[];
      /** Median of the per-epoch figures. */
      medianExamplesPerSecond: number;
      /** Train click → first row in the page's epoch table. */
      firstEpochMs: number | null;
      /** Train click → first chart point (the app's own `sift:first-point` mark). */
      firstPointMs: number | null;
      /** Train click → "Train again" shown. */
      trainingMs: number;
      longestTaskMs: number;
      /** Long tasks (> 50 ms) on the main thread between the Train click and the end of training. */
      longTasks: number;
      longTaskList: LongTask[];
      /** The page's backend line after training ("Backend: wasm — chosen by you. Training path: …"). */
      backendLine: string;
      /** The training path that ran, from the page's data-path attribute ('sparse' or 'graph'). */
      path: string;
      /** Examples/s per training path, where the app timed both on this backend (a real GPU). */
      pathSpeeds?: Record<string, number>;
      /** The trained model answering the Try box; null when that part failed (see inferenceError). */
      inference: InferenceFigures | null;
      inferenceError?: string;
    })
  | (BackendRunBase & { status: 'failed'; error: string });

export interface BrowserSection {
  sample: string;
  epochs: number;
  chromium: string;
  /** How dist/ came to be: built by this run, or reused (--no-build). */
  build: 'built' | 'reused';
  results: BrowserBackendResult[];
}
