/**
 * The label-issues part of the bench: on SMS and TREC-6 with 5% of the labels flipped (seeded),
 * how well `sift issues` finds the flipped rows next to the reference (TF-IDF + logistic
 * regression with the same confident-learning rules), and how long it takes next to one
 * `sift train` on the same file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../datasets';
import { assertSucceeded, median, runMeasured } from '../measure';
import { detectLanguage } from '../text';
import { readLabelledCsv } from '../csv';
import { parseFlippedRows, parseIssuesJson, parseReferenceLine, parseTrainSeconds, scoreDetection } from './scores';
import type { LabelIssuesDatasetResult, LabelIssuesSection } from './types';

export const NOISE_SHARE = 0.05;
export const NOISE_SEED = 7;
export const FOLDS = 5;
/** The issue's time target: `issues` within this many times one `train`. */
export const MAX_TIME_RATIO = 6;

/** Dataset names as in bench/datasets.ts; the whole labelled file gets the flips. */
export const LABEL_ISSUE_DATASETS: readonly { name: string; file: string }[] = [
  { name: 'sms_spam', file: 'sms_spam/sms_spam.csv' },
  { name: 'trec', file: 'trec/trec_train.csv' },
];

const PYTHON = '/usr/bin/python3';
const TOOLS = resolve(PROJECT_ROOT, '..', 'shared', 'tools');
const MAKE_NOISY = join(TOOLS, 'make_noisy.py');
const REFERENCE = join(TOOLS, 'label_noise_ref.py');
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const TSCONFIG = join(PROJECT_ROOT, 'tsconfig.json');

export interface LabelIssuesBenchOptions {
  dataDir: string;
  /** Dataset names to keep (the bench's --only), or null for both. */
  only: readonly string[] | null;
  /** `sift train` runs whose median time is the divisor. */
  trainRuns: number;
  timeoutSeconds: number;
  log(message: string): void;
}

/** Says what is missing, or null when the section can run. */
export function labelIssuesPreflight(): string | null {
  for (const tool of [MAKE_NOISY, REFERENCE]) {
    if (!existsSync(tool)) return `label issues: ${tool} is missing (the shared tools folder beside the project)`;
  }
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) return `label issues: ${PYTHON} with scikit-learn is needed (apt-get install -y python3-sklearn)`;
  if (!existsSync(TSX)) return `label issues: ${TSX} is missing: run npm install in ${PROJECT_ROOT}`;
  return null;
}

function sift(args: string[], workDir: string, timeoutSeconds: number) {
  // --tsconfig keeps the "@/" import alias working away from the project root.
  return runMeasured(TSX, ['--tsconfig', TSCONFIG, CLI, ...args], { cwd: workDir, timeoutSeconds });
}

async function runDataset(name: string, source: string, options: LabelIssuesBenchOptions): Promise<LabelIssuesDatasetResult> {
  const { log, timeoutSeconds } = options;
  const workDir = mkdtempSync(join(tmpdir(), `sift-bench-issues-${name}-`));
  const noisy = join(workDir, 'noisy.csv');
  const flippedPath = join(workDir, 'flipped.txt');
  try {
    const made = await runMeasured(PYTHON, [MAKE_NOISY, source, noisy, flippedPath, String(NOISE_SHARE), String(NOISE_SEED)], { timeoutSeconds });
    assertSucceeded('make_noisy.py', made);
    const flipped = parseFlippedRows(readFileSync(flippedPath, 'utf8'));
    const k = flipped.size;
    const rows = readLabelledCsv(noisy).length;
    log(`label issues: ${name}: ${k} of ${rows} labels flipped; sift issues…`);

    const issuesRun = await sift(['issues', noisy, '--json', '--top', String(k), '--folds', String(FOLDS)], workDir, timeoutSeconds);
    assertSucceeded('sift issues', issuesRun);
    const issues = parseIssuesJson(issuesRun.stdout);
    const siftScores = scoreDetection(issues.ranked, issues.flagged, flipped);

    const trains: { seconds: number; processSeconds: number }[] = [];
    for (let run = 0; run < options.trainRuns; run++) {
      const trainRun = await sift(['train', noisy, '--json', '--out', join(workDir, 'model.sift.zip')], workDir, timeoutSeconds);
      assertSucceeded('sift train', trainRun);
      trains.push({ seconds: parseTrainSeconds(trainRun.stdout), processSeconds: trainRun.wallSeconds });
    }
    const train = { seconds: median(trains.map((t) => t.seconds)), processSeconds: median(trains.map((t) => t.processSeconds)), runs: trains.length };

    log(`label issues: ${name}: reference…`);
    const han = detectLanguage(readLabelledCsv(noisy).map((r) => r.text)) === 'zh' ? ['--han'] : [];
    const referenceRun = await runMeasured(PYTHON, [REFERENCE, noisy, flippedPath, ...han], { timeoutSeconds });
    assertSucceeded('label_noise_ref.py', referenceRun);
    const { rows: _rows, flipped: _flipped, ...reference } = parseReferenceLine(referenceRun.stdout);

    const timeRatio = issues.seconds / train.seconds;
    const result: LabelIssuesDatasetResult = {
      dataset: name,
      source: relative(options.dataDir, source),
      status: 'ok',
      rows,
      flipped: k,
      sift: { ...siftScores, seconds: issues.seconds, processSeconds: issuesRun.wallSeconds, peakRssMiB: issuesRun.peakRssMiB },
      reference: { ...reference, processSeconds: referenceRun.wallSeconds },
      train,
      timeRatio,
      processTimeRatio: issuesRun.wallSeconds / train.processSeconds,
      // Compared at the three decimals the reference prints.
      targets: {
        precisionAtK: Number(siftScores.precisionAtK.toFixed(3)) >= reference.precisionAtK,
        f1: Number(siftScores.f1.toFixed(3)) >= reference.f1,
        time: timeRatio <= MAX_TIME_RATIO,
      },
    };
    log(
      `label issues: ${name}: sift precision@${k} ${siftScores.precisionAtK.toFixed(3)}, F1 ${siftScores.f1.toFixed(3)} (${siftScores.flagged} flagged), ` +
        `${issues.seconds.toFixed(1)} s = ${timeRatio.toFixed(1)}× one train; reference ${reference.precisionAtK.toFixed(3)}, F1 ${reference.f1.toFixed(3)}`,
    );
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`label issues: ${name}: FAILED: ${message}`);
    return { dataset: name, source: relative(options.dataDir, source), status: 'failed', error: message };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export async function runLabelIssuesBench(options: LabelIssuesBenchOptions): Promise<LabelIssuesSection> {
  const chosen = LABEL_ISSUE_DATASETS.filter((d) => options.only === null || options.only.includes(d.name));
  const results: LabelIssuesDatasetResult[] = [];
  for (const d of chosen) {
    const source = join(options.dataDir, d.file);
    if (!existsSync(source)) {
      results.push({ dataset: d.name, source: d.file, status: 'failed', error: `${source} is missing` });
      continue;
    }
    results.push(await runDataset(d.name, source, options));
  }
  return {
    share: NOISE_SHARE,
    seed: NOISE_SEED,
    folds: FOLDS,
    maxTimeRatio: MAX_TIME_RATIO,
    noisyTool: relative(PROJECT_ROOT, MAKE_NOISY),
    referenceTool: relative(PROJECT_ROOT, REFERENCE),
    results,
  };
}
