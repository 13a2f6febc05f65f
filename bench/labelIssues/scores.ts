/** Pure parts of the label-issues section: scoring against the flipped rows, reading each tool's output. */
import type { DetectionScores } from './types';

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * precision@K over `ranked` (K = number of flipped rows; only its first K entries count) and the
 * precision, recall and F1 of `flagged`, all against the set of flipped 1-based rows.
 */
export function scoreDetection(ranked: readonly number[], flagged: readonly number[], flipped: ReadonlySet<number>): DetectionScores {
  const k = flipped.size;
  const hitsAtK = ranked.slice(0, k).filter((r) => flipped.has(r)).length;
  const found = new Set(flagged);
  const truePositives = [...found].filter((r) => flipped.has(r)).length;
  const precision = ratio(truePositives, found.size);
  const recall = ratio(truePositives, k);
  return { precisionAtK: ratio(hitsAtK, k), flagged: found.size, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

/** make_noisy.py's FLIPPED.txt: one 1-based data row per line. */
export function parseFlippedRows(text: string): Set<number> {
  return new Set(
    text
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number),
  );
}

export interface IssuesJson {
  rows: number;
  folds: number;
  seconds: number;
  flagged: number[];
  ranked: number[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The last stdout line of `sift issues --json`, checked against its promised shape. */
export function parseIssuesJson(stdout: string): IssuesJson {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`the last line of sift issues is not JSON: ${last.slice(0, 300)}`);
  }
  if (
    !isRecord(parsed) ||
    parsed.command !== 'issues' ||
    typeof parsed.rows !== 'number' ||
    typeof parsed.folds !== 'number' ||
    typeof parsed.seconds !== 'number' ||
    !Array.isArray(parsed.flagged) ||
    !Array.isArray(parsed.ranked)
  ) {
    throw new Error(`sift issues --json lacks command, rows, folds, seconds, flagged or ranked: ${last.slice(0, 300)}`);
  }
  const flagged = parsed.flagged.map((f) => {
    if (!isRecord(f) || typeof f.row !== 'number') throw new Error(`a flagged entry without a row: ${JSON.stringify(f)}`);
    return f.row;
  });
  return { rows: parsed.rows, folds: parsed.folds, seconds: parsed.seconds, flagged, ranked: parsed.ranked.map(Number) };
}

/** `seconds` from the last stdout line of `sift train --json` (no test file here, so no test metrics). */
export function parseTrainSeconds(stdout: string): number {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`the last line of sift train is not JSON: ${last.slice(0, 300)}`);
  }
  if (!isRecord(parsed) || parsed.command !== 'train' || typeof parsed.seconds !== 'number') {
    throw new Error(`sift train --json lacks seconds: ${last.slice(0, 300)}`);
  }
  return parsed.seconds;
}

export interface ReferenceFigures extends DetectionScores {
  rows: number;
  flipped: number;
  seconds: number;
}

const REFERENCE_LINE =
  /reference: precision@(\d+) ([\d.]+); flagged (\d+) of (\d+), flipped (\d+), precision ([\d.]+) recall ([\d.]+) f1 ([\d.]+) in ([\d.]+)s/;

/** label_noise_ref.py's one line ("reference: precision@278 0.903; flagged 270 of 5574, …"). */
export function parseReferenceLine(stdout: string): ReferenceFigures {
  const m = REFERENCE_LINE.exec(stdout);
  if (!m) throw new Error(`label_noise_ref.py printed no figures: ${stdout.trim().slice(0, 300)}`);
  const n = m.slice(1).map(Number);
  return { precisionAtK: n[1], flagged: n[2], rows: n[3], flipped: n[4], precision: n[5], recall: n[6], f1: n[7], seconds: n[8] };
}
