/** Shapes shared by the benchmark's files: a prepared dataset split, a contender, and the figures of a run. */

export type Language = 'en' | 'zh';

/** One dataset ready to benchmark: train and test CSVs (header `text,label`) that every contender reads. */
export interface PreparedDataset {
  name: string;
  trainPath: string;
  testPath: string;
  /** Where the split came from: the source's own train/test files, or our seeded stratified 80/20 split. */
  splitKind: 'official' | 'seeded-80-20';
  language: Language;
  trainRows: number;
  testRows: number;
  classes: number;
  /** Test-set labels in file order, for scoring contenders that return predictions. */
  testLabels: string[];
}

/** Figures of one run of one contender on one dataset. */
export interface RunFigures {
  accuracy: number;
  macroF1: number;
  /** Training wall time as the contender itself defines it (see each contender's `trainTimeMeaning`). */
  trainSeconds: number;
  /** Wall time of every process the contender needed (train + evaluate), measured around them. */
  processSeconds: number;
  /** Largest peak resident set of the contender's processes, in MiB; null when it could not be measured. */
  peakRssMiB: number | null;
  /** Contender-specific details (backend, epochs, examples per second…). */
  details: Record<string, string | number | null>;
}

export interface Contender {
  /** Stable id used by --contenders and in results, e.g. "fasttext-tuned". */
  id: string;
  /** Human-readable settings, e.g. "-epoch 25 -lr 0.5 -wordNgrams 2". */
  settings: string;
  /** What `trainSeconds` measures for this contender. */
  trainTimeMeaning: string;
  /** Returns a message a person can act on when a tool the contender needs is missing, else null. */
  preflight(): Promise<string | null>;
  run(dataset: PreparedDataset, context: RunContext): Promise<RunFigures>;
}

export interface RunContext {
  /** A fresh scratch folder for this run, deleted afterwards. */
  workDir: string;
  /** Kill any process of the run after this many seconds. */
  timeoutSeconds: number;
}

interface ResultBase {
  dataset: string;
  contender: string;
  settings: string;
}

/** Median figures of N runs of one contender on one dataset (raw runs kept), or why it failed. */
export type ContenderResult =
  | (ResultBase & { status: 'ok'; median: RunFigures; runs: RunFigures[] })
  | (ResultBase & { status: 'failed'; error: string });
