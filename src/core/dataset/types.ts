/** Contracts of the dataset module: file bytes → decoded text → table → labelled examples + report. */
import type { PiiKind } from '../text/pii';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface EncodingInfo {
  /** WHATWG encoding label usable with TextDecoder, e.g. 'utf-8', 'utf-16le', 'gb18030', 'windows-1252'. */
  name: string;
  /** How it was chosen: byte-order mark, valid UTF-8, statistical detection, or the caller. */
  source: 'bom' | 'utf8-valid' | 'detected' | 'user';
  /** 0..1; 1 for bom / utf8-valid / user. */
  confidence: number;
}

export interface DecodedText {
  text: string;
  encoding: EncodingInfo;
}

/** Options a person (or the CLI) can override; everything left out is detected. */
export interface ReadOptions {
  encoding?: string;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  /** Column name or 0-based index. */
  textColumn?: string | number;
  labelColumn?: string | number;
}

export interface ParsedTable {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Header names, or "column 1", "column 2"… when the file has no header. */
  columns: string[];
  /** Data rows (header excluded), each as parsed; may be ragged. */
  rows: string[][];
  /** 1-based line number in the file where each data row starts (for messages). */
  rowLines: number[];
  problems: Problem[];
}

/** Why a column was taken: the person chose it, its name says so, or its statistics (longest texts, few values). */
export type ColumnWhy = 'chosen' | 'name' | 'longest' | 'few-values';

/** The reasons behind a column choice as data, so the page can say them in its own language. */
export interface ColumnReasonFacts {
  textWhy: ColumnWhy;
  labelWhy: ColumnWhy;
  /** Characters per text in the text column, on average (rounded). */
  textMeanLength: number;
  /** Distinct values in the label column within the first `sampleRows` rows. */
  labelDistinct: number;
  sampleRows: number;
  /** Other columns that look like a row id. */
  idColumns: string[];
}

export interface ColumnChoice {
  text: number;
  label: number;
  /** One sentence saying why these were chosen (shown in the CLI). */
  reason: string;
  facts: ColumnReasonFacts;
}

export interface Example {
  text: string;
  label: string;
  /** 1-based data row number in the user's file (header excluded). */
  row: number;
}

export type ProblemCode =
  | 'EMPTY_TEXT'
  | 'EMPTY_LABEL'
  | 'RAGGED_ROW'
  | 'UNBALANCED_QUOTES'
  | 'RARE_CLASS'
  | 'SINGLE_CLASS'
  | 'LABEL_VARIANTS'
  | 'DUPLICATE_TEXT'
  | 'CONFLICTING_LABELS'
  | 'IMBALANCED_CLASSES'
  | 'MANY_CLASSES'
  | 'LONG_LABEL'
  | 'HUGE_FIELD'
  | 'LOW_CONFIDENCE_ENCODING';

/** Rows a problem names: the first few, each with the line of the file it starts on, and how many there are. */
export interface RowsNamed {
  shown: { row: number; line?: number }[];
  total: number;
}

/**
 * What a problem's sentence says, as data, so the page can say it in its own language (the
 * `message` is the English sentence, for the CLI). One kind per sentence the engine writes.
 */
export type ProblemFacts =
  | { kind: 'empty-text'; column: string; rows: RowsNamed }
  | { kind: 'empty-label'; column: string; rows: RowsNamed }
  /** More fields than columns: the extra ones joined into the text. */
  | { kind: 'ragged-joined'; fields: number; rows: RowsNamed }
  /** More fields than columns, a known label in the label column: the extra ones left out. */
  | { kind: 'ragged-left-out'; fields: number; labelColumn: string; rows: RowsNamed }
  /** Fewer fields than columns and no text or label: skipped. */
  | { kind: 'ragged-too-few'; columns: number; missing: 'text' | 'label'; rows: RowsNamed }
  | { kind: 'unbalanced-quotes'; rows: RowsNamed }
  | { kind: 'single-class'; label: string; column: string }
  /** Labels with one example: the first five, each with its row, and how many there are. */
  | { kind: 'rare-classes'; labels: { label: string; rows: RowsNamed }[]; count: number }
  | { kind: 'label-variants'; spellings: ClassCount[]; rows: RowsNamed }
  | { kind: 'duplicates'; rows: RowsNamed }
  /** The first text with conflicting labels, and how many other texts have them too. */
  | { kind: 'conflicting'; labels: string[]; rows: RowsNamed; others: number }
  | { kind: 'too-many-classes'; column: string; classes: number; max: number }
  | { kind: 'long-labels'; column: string; count: number; maxChars: number; longest: number }
  | { kind: 'many-classes'; column: string; classes: number; rows: number }
  | { kind: 'imbalanced'; largest: ClassCount; smallest: ClassCount }
  | { kind: 'huge-fields'; rows: RowsNamed; maxChars: number; longest: number }
  | { kind: 'broken-utf8' }
  | { kind: 'unsure-encoding'; encoding: string; confidence: number };

export interface Problem {
  code: ProblemCode;
  /** error: training cannot proceed; warning: training proceeds but the person should look; info: FYI. */
  severity: 'error' | 'warning' | 'info';
  /** How many rows (or items) are concerned. */
  count: number;
  /** Up to 20 example 1-based row numbers. */
  rows: number[];
  /** A sentence a person can act on, naming rows / labels (English: the CLI's words). */
  message: string;
  /** The same, as data. */
  facts: ProblemFacts;
}

export interface ClassCount {
  label: string;
  count: number;
}

export interface LengthStats {
  /** In tokens (Sift's tokenizer, words only, no n-grams). */
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** Histogram for charts: bucket upper bounds (tokens) and counts. */
  histogram: { upTo: number; count: number }[];
}

/** Personal data found in the texts, which the tokenizer masks unless told to keep it (text/pii.ts). */
export interface PiiFound {
  /** Spans found, per kind. */
  counts: Record<PiiKind, number>;
  /** Spans found in all. */
  total: number;
  /** Rows with at least one span. */
  rows: number;
  /** A few of those texts (an excerpt each), already masked: they never show the personal data itself. */
  examples: { row: number; text: string }[];
}

export interface DatasetReport {
  totalRows: number;
  usableExamples: number;
  skippedRows: number;
  classes: ClassCount[];
  lengths: LengthStats;
  duplicateTexts: number;
  conflictingTexts: number;
  /** Suggested sequence length (tokens) from p95, rounded up to a friendly number. */
  suggestedSequenceLength: number;
  /** Distinct words rounded up to a thousand (1,000–100,000); settingsFor scales the vocabulary from it. */
  suggestedVocabularySize: number;
  problems: Problem[];
  /** Personal data in the texts ("312 phone numbers … in 290 rows will be masked"). */
  pii: PiiFound;
  /** False when a problem of severity 'error' prevents training (e.g. a single class). */
  trainable: boolean;
}

export interface LoadedDataset {
  encoding: EncodingInfo;
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: string[];
  textColumn: number;
  labelColumn: number;
  columnReason: string;
  columnFacts: ColumnReasonFacts;
  /** First rows as parsed, for a preview table (at most 20). */
  preview: string[][];
  examples: Example[];
  report: DatasetReport;
}

export interface Split {
  train: Example[];
  validation: Example[];
}
