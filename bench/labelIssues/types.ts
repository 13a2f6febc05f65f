/** Shapes of the label-issues section: Sift's `issues` against the reference on files with seeded flips. */

/** How well one method found the flipped rows. */
export interface DetectionScores {
  /** Share of the K most suspicious rows (K = rows flipped) that were flipped. */
  precisionAtK: number;
  /** How many rows the method flagged. */
  flagged: number;
  /** Of the flagged rows, the share that were flipped. */
  precision: number;
  /** Of the flipped rows, the share that were flagged. */
  recall: number;
  f1: number;
}

interface DatasetBase {
  dataset: string;
  /** The file the flips were made in, relative to the data folder. */
  source: string;
}

export type LabelIssuesDatasetResult =
  | (DatasetBase & {
      status: 'ok';
      rows: number;
      flipped: number;
      sift: DetectionScores & {
        /** The `seconds` of `sift issues --json`: every fold's training and prediction, and confident learning. */
        seconds: number;
        processSeconds: number;
        peakRssMiB: number | null;
      };
      reference: DetectionScores & {
        /** As label_noise_ref.py reports it: its five folds of TF-IDF + logistic regression and confident learning. */
        seconds: number;
        processSeconds: number;
      };
      train: {
        /** Median `seconds` of `sift train --json` on the same noisy file, and of its process. */
        seconds: number;
        processSeconds: number;
        runs: number;
      };
      /** sift.seconds ÷ train.seconds: the issue's target is at most MAX_TIME_RATIO. */
      timeRatio: number;
      /** The same with whole-process wall times (both start Node and read the file). */
      processTimeRatio: number;
      targets: { precisionAtK: boolean; f1: boolean; time: boolean };
    })
  | (DatasetBase & { status: 'failed'; error: string });

export interface LabelIssuesSection {
  share: number;
  seed: number;
  folds: number;
  maxTimeRatio: number;
  noisyTool: string;
  referenceTool: string;
  results: LabelIssuesDatasetResult[];
}
