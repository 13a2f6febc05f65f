/** Shapes of the scale section: Sift on 100k to 1M-row files, in Node and in the page. */

/** What bench/scale/nodeProbe.ts prints: `sift train`'s path up to the first batch, in one process. */
export interface NodeProbeFigures {
  examples: number;
  vocabularySize: number;
  sequenceLength: number;
  /** loadDataset: bytes → examples and the data check. */
  loadSeconds: number;
  /** The longest stretch of loadDataset without a progress report. */
  longestProgressGapSeconds: number;
  /** CPU seconds of loadDataset (user + system: what it cost, where wall time also counts waiting for a shared CPU). */
  loadCpuSeconds: number;
  /** prepareTraining: split, vocabulary and encoding of every text. */
  prepareSeconds: number;
  prepareCpuSeconds: number;
  /** Examples (training and validation texts) tokenised per second of prepareTraining. */
  textsPerSecond: number;
  /** The same per CPU second. */
  textsPerCpuSecond: number;
  /** From the start of prepareTraining to the first batch trained (null: none was). */
  firstBatchSeconds: number | null;
  /** From the start of prepareTraining to the end of the run stopped after its first batch. */
  stoppedSeconds: number;
  /** The whole probe, reading the file included. */
  totalSeconds: number;
  rssAfterLoadMiB: number;
  rssAfterPrepareMiB: number;
  /** The process's peak resident memory (getrusage). */
  peakRssMiB: number;
}

/** The file read by the app in headless Chromium, trained to its first batch and stopped. */
export interface PageFigures {
  /** The file input's change event → the data check shown ('sift:parsed'). */
  loadSeconds: number;
  /** The longest time, while reading, that the progress bar's value stayed the same. */
  longestProgressGapSeconds: number;
  /** CPU seconds the tab (its renderer processes) used from choosing the file to the data check shown. */
  loadCpuSeconds: number;
  /** The tab's resident memory when the data check is shown. */
  tabAtDataCheckMiB: number;
  /** Train clicked → the first point on the charts ('sift:train-start' → 'sift:first-point'). */
  trainToFirstBatchSeconds: number;
  /** CPU seconds the tab used from the Train click to the first point. */
  trainToFirstBatchCpuSeconds: number;
  /** Train clicked → the run, stopped at its first point, has finished. */
  trainToStoppedSeconds: number;
  /** Peak of the summed resident memory of the renderer processes (the tab and its worker), sampled every 50 ms. */
  tabPeakMiB: number;
  /** Peak of the whole browser (every Chromium process). */
  browserPeakMiB: number;
  /** What the page said about saving the file in this browser, if anything. */
  savingNote: string | null;
}

export type Measurement<T> = ({ status: 'ok' } & T) | { status: 'failed'; error: string };

export interface ScaleSizeResult {
  rows: number;
  fileBytes: number;
  node: Measurement<NodeProbeFigures & { processSeconds: number }>;
  page: Measurement<PageFigures> | null;
}

/** A least-squares line through (rows, figure): how a figure grows with the file. */
export interface Growth {
  figure: string;
  /** Units per 100,000 rows. */
  per100kRows: number;
  /** The figure at 0 rows (fixed costs). */
  intercept: number;
  /** Figure per row at the largest file divided by that at the smallest: 1 for a straight line through 0. */
  perRowRatio: number;
}

export interface ScaleSection {
  /** The texts repeated (relative to the data folder). */
  source: string;
  sizes: ScaleSizeResult[];
  growth: Growth[];
  /** Why the page columns are empty, when they are. */
  pageError: string | null;
}
