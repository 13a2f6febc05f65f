/** The hostile-bundles section of the bench: each hostile .sift.zip of issue 12, opened and refused. */

/** One way of opening a bundle: the whole CLI process, the importer alone, or the page. */
export interface Refusal {
  /** The error code Sift answered with; null when it opened the file (or gave no code). */
  errorCode: string | null;
  /** Wall time: process start to exit (CLI), importBundle call (in-process), file input's change event to message shown (page; NaN if unseen). */
  seconds: number;
  /** Peak resident memory in MiB: of the process (CLI, in-process), of the tab's renderer processes (page); null when unmeasured. */
  peakMiB: number | null;
}

export interface HostileCaseResult {
  id: string;
  what: string;
  /** The coded error Sift must give. */
  expected: string;
  fileBytes: number;
  cli: Refusal;
  inProcess: Refusal;
  page: Refusal | null;
}

export interface HostileSection {
  /** The same figures for the valid bundle the hostile ones are made from (what opening costs anyway). */
  valid: Omit<HostileCaseResult, 'what' | 'expected'>;
  cases: HostileCaseResult[];
  /** Why the page column is empty, when it is. */
  pageError: string | null;
}
