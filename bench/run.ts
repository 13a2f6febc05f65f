/**
 * `npm run bench`: trains every contender on every dataset's same train/test split, N times,
 * and writes the medians to bench/results/latest.json and latest.md. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { browserPreflight, runBrowserBench } from './browser/bench';
import { renderBrowserMarkdown } from './browser/markdown';
import type { BrowserSection } from './browser/types';
import { fastTextContenders } from './contenders/fasttext';
import { siftContenders } from './contenders/sift';
import { sklearnContender } from './contenders/sklearn';
import { type DataLocation, locateData, prepareDataset, PROJECT_ROOT, QUICK_DATASETS, selectDatasets, SPLIT_SEED, TEST_SHARE } from './datasets';
import { median, medianOrNull, peakRssMethod } from './measure';
import { labelIssuesPreflight, runLabelIssuesBench } from './labelIssues/bench';
import { renderLabelIssuesMarkdown } from './labelIssues/markdown';
import type { LabelIssuesSection } from './labelIssues/types';
import { runHostileBench } from './hostile/run';
import { renderHostileMarkdown } from './hostile/markdown';
import type { HostileSection } from './hostile/types';
import { runScaleBench } from './scale/run';
import { renderScaleMarkdown } from './scale/markdown';
import type { ScaleSection } from './scale/types';
import { parseOptions, sectionsOnly, USAGE, wantsSection, type BenchOptions } from './options';
import { computeRatios, renderMarkdown, summarizeRatios, type BenchReport } from './report';
import type { Contender, ContenderResult, PreparedDataset, RunFigures } from './types';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function allContenders(options: BenchOptions): Contender[] {
  return [...siftContenders(options.siftArgs), ...fastTextContenders(() => options.threads), sklearnContender];
}

function chooseContenders(options: BenchOptions): Contender[] {
  const all = allContenders(options);
  if (options.contenders === null) return all;
  const unknown = options.contenders.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`unknown contender(s): ${unknown.join(', ')} (known: ${all.map((c) => c.id).join(', ')})`);
  return all.filter((c) => options.contenders?.includes(c.id));
}

function toolVersions(): Record<string, string | null> {
  const out = (cmd: string, args: string[]): string | null => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  return {
    fasttext: out('dpkg-query', ['-W', '-f', '${Version}', 'fasttext']),
    python: out('/usr/bin/python3', ['-c', 'import platform; print(platform.python_version())']),
    sklearn: out('/usr/bin/python3', ['-c', 'import sklearn; print(sklearn.__version__)']),
  };
}

function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const pick = (f: (r: RunFigures) => number): number => median(runs.map(f));
  return {
    accuracy: pick((r) => r.accuracy),
    macroF1: pick((r) => r.macroF1),
    trainSeconds: pick((r) => r.trainSeconds),
    processSeconds: pick((r) => r.processSeconds),
    peakRssMiB: medianOrNull(runs.map((r) => r.peakRssMiB)),
    // Details (backend, epochs…) of the run whose training time is the median one.
    details: [...runs].sort((a, b) => a.trainSeconds - b.trainSeconds)[(runs.length - 1) >> 1].details,
  };
}

async function runOnce(contender: Contender, dataset: PreparedDataset, options: BenchOptions): Promise<RunFigures> {
  const workDir = mkdtempSync(join(tmpdir(), `sift-bench-${contender.id}-`));
  try {
    return await contender.run(dataset, { workDir, timeoutSeconds: options.timeoutSeconds });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface Cell {
  dataset: PreparedDataset;
  contender: Contender;
  runs: RunFigures[];
  /** Whole wall time of each run, conversions included: what the budget plans with. */
  durations: number[];
  error?: string;
  skippedForBudget: number;
}

/**
 * Every dataset × contender gets run 1 before any gets run 2, so a slow spell of the shared
 * machine is spread over all contenders and the time budget can only ever cut repeat runs.
 * A repeat run is skipped when its expected end (its slowest earlier run) is past the budget.
 * A contender that fails once is not run again on that dataset.
 */
async function runCells(cells: readonly Cell[], options: BenchOptions, startedMs: number, afterRound: () => void): Promise<void> {
  const budgetMs = options.budgetMinutes * 60_000;
  for (let run = 1; run <= options.runs; run++) {
    for (const cell of cells) {
      if (cell.error !== undefined) continue;
      const label = `${cell.dataset.name} ${cell.contender.id} run ${run}/${options.runs}`;
      if (run > 1 && performance.now() - startedMs + Math.max(...cell.durations) * 1000 > budgetMs) {
        cell.skippedForBudget++;
        log(`  ${label}: skipped, it would end past the ${options.budgetMinutes}-minute budget`);
        continue;
      }
      const began = performance.now();
      try {
        const figures = await runOnce(cell.contender, cell.dataset, options);
        cell.runs.push(figures);
        log(
          `  ${label}: accuracy ${figures.accuracy.toFixed(3)}, macro-F1 ${figures.macroF1.toFixed(3)}, train ${figures.trainSeconds.toFixed(2)} s, process ${figures.processSeconds.toFixed(2)} s`,
        );
      } catch (error) {
        cell.error = error instanceof Error ? error.message : String(error);
        log(`  ${label}: FAILED: ${cell.error}`);
      }
      cell.durations.push((performance.now() - began) / 1000);
    }
    afterRound();
  }
}

function resultOf(cell: Cell): ContenderResult {
  const base = { dataset: cell.dataset.name, contender: cell.contender.id, settings: cell.contender.settings };
  if (cell.error !== undefined) return { ...base, status: 'failed', error: cell.error };
  return { ...base, status: 'ok', median: medianFigures(cell.runs), runs: cell.runs };
}

interface BenchState {
  options: BenchOptions;
  started: Date;
  data: DataLocation;
  datasets: PreparedDataset[];
  skipped: BenchReport['skipped'];
  contenders: readonly Contender[];
  cells: Cell[];
  browser: BrowserSection | null;
  labelIssues: LabelIssuesSection | null;
  hostile: HostileSection | null;
  scale: ScaleSection | null;
}

function modeOf(options: BenchOptions): BenchReport['meta']['mode'] {
  if (sectionsOnly(options)) return `${options.onlySections.join('+')}-only`;
  if (options.quick) return 'quick';
  return options.only !== null || options.contenders !== null ? 'selection' : 'full';
}

function buildReport({ options, started, data, datasets, skipped, contenders, cells, browser, labelIssues, hostile, scale }: BenchState): BenchReport {
  const results = cells.filter((c) => c.runs.length > 0 || c.error !== undefined).map(resultOf);
  const ratios = computeRatios(results);
  const finished = new Date();
  return {
    meta: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      totalSeconds: (finished.getTime() - started.getTime()) / 1000,
      mode: modeOf(options),
      command: `tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cpuModel: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        platform: `${process.platform}-${process.arch}`,
        node: process.versions.node,
      },
      tools: toolVersions(),
      dataDir: data.dir,
      dataOrigin: data.origin,
      split: { seed: SPLIT_SEED, testShare: TEST_SHARE },
      peakRssMethod: peakRssMethod(),
    },
    datasets: datasets.map(({ testLabels: _labels, ...d }) => ({
      ...d,
      trainPath: relative(PROJECT_ROOT, d.trainPath),
      testPath: relative(PROJECT_ROOT, d.testPath),
    })),
    skipped,
    cli: {
      runs: options.runs,
      budgetMinutes: options.budgetMinutes,
      runsSkippedForBudget: cells.reduce((n, c) => n + c.skippedForBudget, 0),
      contenders: contenders.map((c) => ({ id: c.id, settings: c.settings, trainTimeMeaning: c.trainTimeMeaning })),
      results,
      ratios,
      summary: summarizeRatios(ratios),
    },
    browser,
    labelIssues,
    hostile,
    scale,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const started = new Date();
  const startedMs = performance.now();
  const browserWanted = wantsSection(options, 'browser');
  let labelIssuesWanted = wantsSection(options, 'label-issues');
  const hostileWanted = wantsSection(options, 'hostile');
  const contenders = sectionsOnly(options) ? [] : chooseContenders(options);
  const problems = (await Promise.all(contenders.map((c) => c.preflight()))).filter((p): p is string => p !== null);
  const browserProblem = browserWanted ? browserPreflight(options.build) : null;
  if (browserProblem !== null) problems.push(browserProblem);
  const labelIssuesProblem = labelIssuesWanted ? labelIssuesPreflight() : null;
  const labelIssuesSkipped: BenchReport['skipped'] = [];
  if (labelIssuesProblem !== null) {
    // By default (full and quick runs) a missing shared tool skips the part with a note; asked for, it stops the bench.
    if (options.sections['label-issues'] === 'auto' && !options.onlySections.includes('label-issues')) {
      labelIssuesWanted = false;
      labelIssuesSkipped.push({ name: 'label issues', reason: labelIssuesProblem });
      log(`skipping the label-problems part: ${labelIssuesProblem}`);
    } else problems.push(labelIssuesProblem);
  }
  // The hostile part's page column needs Chromium too; without it the part still runs, on Node.
  const hostilePage = hostileWanted && browserPreflight(options.build) === null;
  const scaleWanted = wantsSection(options, 'scale');
  const scalePage = scaleWanted && browserPreflight(options.build) === null;
  if (problems.length > 0) throw new Error(`cannot run the bench:\n- ${problems.join('\n- ')}`);

  const data = locateData(options.dataDir);
  const outDir = resolve(options.outDir ?? join(PROJECT_ROOT, 'bench', 'results'));
  mkdirSync(outDir, { recursive: true });
  const state: BenchState = { options, started, data, datasets: [], skipped: [...labelIssuesSkipped], contenders, cells: [], browser: null, labelIssues: null, hostile: null, scale: null };
  if (!sectionsOnly(options)) {
    const only = options.only ?? (options.quick ? [...QUICK_DATASETS] : null);
    const { chosen, skipped } = selectDatasets(data.dir, only);
    log(`data: ${data.dir} (${data.origin}); ${options.runs} run(s); contenders: ${contenders.map((c) => c.id).join(', ')}`);
    for (const s of skipped) log(`skipping ${s.name}: ${s.reason}`);
    if (chosen.length === 0) throw new Error('no dataset to run');
    state.skipped.push(...skipped);
    state.datasets = chosen.map((source) => {
      const dataset = prepareDataset(data.dir, source);
      log(`${dataset.name}: ${dataset.trainRows} train / ${dataset.testRows} test, ${dataset.classes} classes, ${dataset.language}, ${dataset.splitKind} split`);
      return dataset;
    });
    state.cells = state.datasets.flatMap((dataset) => contenders.map((contender) => ({ dataset, contender, runs: [], durations: [], skippedForBudget: 0 })));
    await runCells(state.cells, options, startedMs, () => {
      // Progress survives an interrupted run without replacing the last complete result.
      writeFileSync(join(outDir, 'partial.json.tmp'), JSON.stringify(buildReport(state), null, 2));
    });
  }
  // After the CLI part, one at a time, never beside it: they would compete for the same cores.
  if (labelIssuesWanted) {
    state.labelIssues = await runLabelIssuesBench({ dataDir: data.dir, only: options.only, trainRuns: options.runs, timeoutSeconds: options.timeoutSeconds, log });
    writeFileSync(join(outDir, 'partial.json.tmp'), JSON.stringify(buildReport(state), null, 2));
  }
  if (browserWanted) state.browser = await runBrowserBench({ build: options.build, log });
  // Last, alone on the machine too; the browser part has already built the app when it ran.
  if (hostileWanted) state.hostile = await runHostileBench({ page: hostilePage, build: options.build && !browserWanted, log });
  // Last of all: its 1M-row runs want the machine's memory to themselves.
  if (scaleWanted) {
    const built = browserWanted || (hostileWanted && hostilePage);
    state.scale = await runScaleBench({ dataDir: data.dir, rows: options.scaleRows, page: scalePage, build: options.build && !built, timeoutSeconds: options.timeoutSeconds, log });
  }

  const report = buildReport(state);
  const markdown =
    renderMarkdown(report) +
    (report.labelIssues ? `\n${renderLabelIssuesMarkdown(report.labelIssues)}` : '') +
    (report.browser ? `\n${renderBrowserMarkdown(report.browser)}` : '') +
    (report.hostile ? `\n${renderHostileMarkdown(report.hostile)}` : '') +
    (report.scale ? `\n${renderScaleMarkdown(report.scale)}` : '');
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), markdown);
  rmSync(join(outDir, 'partial.json.tmp'), { force: true });
  console.log(markdown);
  log(`wrote ${relative(process.cwd(), join(outDir, 'latest.json'))} and latest.md in ${Math.round(report.meta.totalSeconds)} s`);
  const failed =
    report.cli.results.some((r) => r.status === 'failed') ||
    report.browser?.results.some((r) => r.status === 'failed') ||
    report.labelIssues?.results.some((r) => r.status === 'failed') ||
    report.scale?.sizes.some((s) => s.node.status === 'failed' || s.page?.status === 'failed');
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
