/** The bench's results: the JSON document's shape, Sift-vs-contender time ratios, and the Markdown table. */
import type { BrowserSection } from './browser/types';
import type { HostileSection } from './hostile/types';
import type { LabelIssuesSection } from './labelIssues/types';
import type { ScaleSection } from './scale/types';
import type { ContenderResult, PreparedDataset } from './types';

export const SIFT_IDS = ['sift-default', 'sift-best'] as const;

export interface Ratio {
  dataset: string;
  sift: string;
  contender: string;
  /** Sift's trainSeconds ÷ the contender's: above 1 means Sift is slower. */
  train: number;
  /** Same with whole-process wall time. */
  process: number;
  /** Sift's accuracy minus the contender's. */
  accuracyDelta: number;
}

export interface RatioSummary {
  sift: string;
  contender: string;
  datasets: number;
  /** Geometric means, the right average for ratios. */
  train: number;
  process: number;
  meanAccuracyDelta: number;
}

/** Results of the command-line contenders. The browser section (examples/s per backend) sits beside it. */
export interface CliSection {
  /** Runs asked for; a result's `runs` may hold fewer when the time budget cut repeats. */
  runs: number;
  budgetMinutes: number;
  runsSkippedForBudget: number;
  contenders: { id: string; settings: string; trainTimeMeaning: string }[];
  results: ContenderResult[];
  ratios: Ratio[];
  summary: RatioSummary[];
}

export interface BenchMeta {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  /**
   * full: every dataset and contender; selection: narrowed by --only or --contenders;
   * PARTS-only (e.g. browser-only, label-issues+hostile-only): only those parts, no CLI part.
   */
  mode: 'quick' | 'full' | 'selection' | `${string}-only`;
  command: string;
  machine: { cpuModel: string; cores: number; memoryGiB: number; platform: string; node: string };
  tools: Record<string, string | null>;
  dataDir: string;
  dataOrigin: string;
  split: { seed: number; testShare: number };
  peakRssMethod: string;
}

export interface BenchReport {
  meta: BenchMeta;
  datasets: Omit<PreparedDataset, 'testLabels'>[];
  skipped: { name: string; reason: string }[];
  cli: CliSection;
  /** The app trained in headless Chromium once per backend; null when this run left it out. */
  browser: BrowserSection | null;
  /** sift issues against the reference on files with flipped labels; null when this run left it out. */
  labelIssues: LabelIssuesSection | null;
  /** Hostile bundles opened and refused (CLI, importer, page); null when this run left it out. */
  hostile: HostileSection | null;
  /** 100k to 1M-row files read and trained to the first batch (Node, page); null when this run left it out. */
  scale: ScaleSection | null;
}

const SECTION_NAMES: Record<string, string> = { browser: 'browser', 'label-issues': 'label problems', hostile: 'hostile bundles', scale: 'a million rows' };

/** "browser and label problems only" for mode 'browser+label-issues-only'; null for a CLI run. */
function sectionsTitle(mode: BenchMeta['mode']): string | null {
  if (!mode.endsWith('-only')) return null;
  const names = mode.slice(0, -'-only'.length).split('+').map((s) => SECTION_NAMES[s] ?? s);
  return `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} only`;
}

/** Every (dataset, Sift variant, other contender) triple where both succeeded. */
export function computeRatios(results: readonly ContenderResult[]): Ratio[] {
  const ratios: Ratio[] = [];
  const ok = results.filter((r): r is Extract<ContenderResult, { status: 'ok' }> => r.status === 'ok');
  for (const sift of ok.filter((r) => (SIFT_IDS as readonly string[]).includes(r.contender))) {
    for (const other of ok) {
      if (other.dataset !== sift.dataset || (SIFT_IDS as readonly string[]).includes(other.contender)) continue;
      ratios.push({
        dataset: sift.dataset,
        sift: sift.contender,
        contender: other.contender,
        train: sift.median.trainSeconds / other.median.trainSeconds,
        process: sift.median.processSeconds / other.median.processSeconds,
        accuracyDelta: sift.median.accuracy - other.median.accuracy,
      });
    }
  }
  return ratios;
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

export function summarizeRatios(ratios: readonly Ratio[]): RatioSummary[] {
  const groups = new Map<string, Ratio[]>();
  for (const r of ratios) {
    const key = `${r.sift}\u0000${r.contender}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => ({
    sift: group[0].sift,
    contender: group[0].contender,
    datasets: group.length,
    train: geometricMean(group.map((r) => r.train)),
    process: geometricMean(group.map((r) => r.process)),
    meanAccuracyDelta: group.reduce((s, r) => s + r.accuracyDelta, 0) / group.length,
  }));
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function seconds(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function times(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
}

/** Escapes what would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const { meta, cli } = report;
  const siftPresent = SIFT_IDS.filter((id) => cli.results.some((r) => r.contender === id && r.status === 'ok'));
  const out: string[] = [];
  const title = sectionsTitle(meta.mode);
  out.push(title ? `# Sift benchmark (${title})` : `# Sift benchmark (${meta.mode}, ${cli.runs} run${cli.runs === 1 ? '' : 's'})`);
  out.push('');
  out.push(
    `${meta.finishedAt} · ${meta.machine.cpuModel}, ${meta.machine.cores} cores, ${meta.machine.memoryGiB} GiB · Node ${meta.machine.node} · data: ${meta.dataOrigin} · total ${Math.round(meta.totalSeconds)} s`,
  );
  out.push('');
  // --PART-only: no command-line part, those parts' sections follow on their own.
  if (cli.contenders.length === 0) return `${out.join('\n')}\n`;
  out.push(
    'Figures are medians over the runs. *train s*: training time as each contender defines it (Sift: `fitSeconds` from its JSON, tokenizing to trained model; fastText: `fasttext supervised` wall time; scikit-learn: vectorizer + SVC fit inside Python). *process s*: wall time of all its processes (training and scoring the test set). *Sift ÷*: Sift\'s time divided by the contender\'s (train / process); above 1 means Sift is slower.',
  );
  out.push('');
  const datasetByName = new Map(report.datasets.map((d) => [d.name, d]));
  const header = ['dataset', 'contender', 'accuracy', 'macro-F1', 'train s', 'process s', 'peak RSS MiB', 'runs'];
  for (const sift of siftPresent) header.push(`${sift} ÷ (train / process)`);
  const rows: string[][] = [];
  for (const result of cli.results) {
    const dataset = datasetByName.get(result.dataset);
    const name = dataset ? `${result.dataset} (${dataset.trainRows}/${dataset.testRows}, ${dataset.classes} cl.)` : result.dataset;
    if (result.status === 'failed') {
      rows.push([name, result.contender, `failed: ${result.error.slice(0, 160)}`, '', '', '', '', '', ...siftPresent.map(() => '')]);
      continue;
    }
    const m = result.median;
    const row = [name, result.contender, fixed(m.accuracy, 3), fixed(m.macroF1, 3), seconds(m.trainSeconds), seconds(m.processSeconds), m.peakRssMiB === null ? 'n/a' : String(Math.round(m.peakRssMiB)), String(result.runs.length)];
    for (const sift of siftPresent) {
      const ratio = cli.ratios.find((r) => r.dataset === result.dataset && r.sift === sift && r.contender === result.contender);
      row.push(ratio ? `${times(ratio.train)} / ${times(ratio.process)}` : '–');
    }
    rows.push(row);
  }
  out.push(markdownTable(header, rows));
  if (cli.runsSkippedForBudget > 0) {
    out.push('');
    out.push(`${cli.runsSkippedForBudget} repeat run(s) were skipped to stay within the ${cli.budgetMinutes}-minute budget (see the runs column).`);
  }
  if (cli.summary.length > 0) {
    out.push('');
    out.push('## Sift ÷ contender over all datasets (geometric mean of time ratios)');
    out.push('');
    out.push(
      markdownTable(
        ['Sift', 'contender', 'datasets', 'train time ratio', 'process time ratio', 'mean accuracy Δ'],
        cli.summary.map((s) => [s.sift, s.contender, String(s.datasets), times(s.train), times(s.process), `${s.meanAccuracyDelta >= 0 ? '+' : ''}${fixed(s.meanAccuracyDelta, 3)}`]),
      ),
    );
  }
  out.push('');
  out.push('## Contenders');
  out.push('');
  for (const c of cli.contenders) out.push(`- **${c.id}**: ${c.settings}. Train time: ${c.trainTimeMeaning}.`);
  if (report.skipped.length > 0) {
    out.push('');
    out.push('## Skipped');
    out.push('');
    for (const s of report.skipped) out.push(`- ${s.name}: ${s.reason}`);
  }
  return `${out.join('\n')}\n`;
}
