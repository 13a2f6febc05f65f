/**
 * `npm run bench -- --scale-only`: AG News texts repeated to 100k, 500k and 1M rows (generate.ts),
 * each read and trained to its first batch by `sift train`'s path in a Node process of its own
 * (nodeProbe.ts) and by the app in headless Chromium (page.ts): how long reading, the data check,
 * tokenising and the first batch take, the memory they need, and how both grow with the rows.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabelledCsv } from '../csv';
import { PROJECT_ROOT } from '../datasets';
import { runMeasured } from '../measure';
import { buildApp, startPreview } from '../browser/serve';
import { writeScaleFile } from './generate';
import { fitGrowth } from './growth';
import { measurePage } from './page';
import type { Growth, Measurement, NodeProbeFigures, PageFigures, ScaleSection, ScaleSizeResult } from './types';

export const SCALE_ROWS: readonly number[] = [100_000, 500_000, 1_000_000];
const SOURCE = 'ag_news_test/ag_news_test.csv';
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const TSCONFIG = join(PROJECT_ROOT, 'tsconfig.json');
const PROBE = join(PROJECT_ROOT, 'bench', 'scale', 'nodeProbe.ts');

export interface ScaleBenchOptions {
  dataDir: string;
  rows: readonly number[];
  /** Also read each file in headless Chromium (needs a build of the app). */
  page: boolean;
  /** Build the app first; false reuses dist/. */
  build: boolean;
  timeoutSeconds: number;
  log(message: string): void;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

async function measureNode(file: string, timeoutSeconds: number): Promise<ScaleSizeResult['node']> {
  // 8 GiB of heap: the probe must show what the engine needs, not Node's default limit.
  const run = await runMeasured(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', PROBE, file], {
    cwd: PROJECT_ROOT,
    timeoutSeconds,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const figures = JSON.parse(last) as NodeProbeFigures;
    return { status: 'ok', ...figures, peakRssMiB: run.peakRssMiB ?? figures.peakRssMiB, processSeconds: run.wallSeconds };
  } catch {
    const said = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-3).join(' / ');
    return { status: 'failed', error: `exit ${run.exitCode}: ${said}`.slice(0, 400) };
  }
}

function value<T>(m: Measurement<T> | null, pick: (figures: T) => number | null): number {
  return m?.status === 'ok' ? (pick(m) ?? Number.NaN) : Number.NaN;
}

/** The growth of each headline figure over the sizes measured. */
export function growthOf(sizes: readonly ScaleSizeResult[]): Growth[] {
  const figures: [string, (s: ScaleSizeResult) => number][] = [
    ['Node: load (s)', (s) => value(s.node, (f) => f.loadSeconds)],
    ['Node: prepare (s)', (s) => value(s.node, (f) => f.prepareSeconds)],
    ['Node: prepare CPU (s)', (s) => value(s.node, (f) => f.prepareCpuSeconds)],
    ['Node: peak RSS (MiB)', (s) => value(s.node, (f) => f.peakRssMiB)],
    ['page: load → data check (s)', (s) => value<PageFigures>(s.page, (f) => f.loadSeconds)],
    ['page: Train → first batch (s)', (s) => value<PageFigures>(s.page, (f) => f.trainToFirstBatchSeconds)],
    ['page: Train → first batch CPU (s)', (s) => value<PageFigures>(s.page, (f) => f.trainToFirstBatchCpuSeconds)],
    ['page: tab peak (MiB)', (s) => value<PageFigures>(s.page, (f) => f.tabPeakMiB)],
  ];
  return figures.map(([name, pick]) => fitGrowth(name, sizes.map((s) => ({ rows: s.rows, value: pick(s) })))).filter((g): g is Growth => g !== null);
}

export async function runScaleBench(options: ScaleBenchOptions): Promise<ScaleSection> {
  const { log } = options;
  const sourcePath = [join(options.dataDir, SOURCE), join(PROJECT_ROOT, 'tests', 'fixtures', 'datasets', SOURCE)].find((p) => existsSync(p));
  if (sourcePath === undefined) throw new Error(`scale: ${SOURCE} was not found`);
  const source = readLabelledCsv(sourcePath);
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-scale-'));
  let pageError: string | null = options.page ? null : 'the page part was not asked for';
  let preview: Awaited<ReturnType<typeof startPreview>> | null = null;
  const sizes: ScaleSizeResult[] = [];
  try {
    if (options.page) {
      try {
        if (options.build) {
          log('scale: building the app (vite build)…');
          buildApp();
        }
        preview = await startPreview();
      } catch (error) {
        pageError = errorText(error);
        log(`scale: the page part cannot run: ${pageError}`);
      }
    }
    for (const rows of options.rows) {
      const file = join(dir, `ag_news_${rows}.csv`);
      const fileBytes = await writeScaleFile(file, source, rows);
      log(`scale: ${rows.toLocaleString('en-US')} rows (${(fileBytes / 1e6).toFixed(0)} MB): Node…`);
      const node = await measureNode(file, options.timeoutSeconds);
      if (node.status === 'ok') {
        log(`scale:   Node: load ${node.loadSeconds.toFixed(1)} s, prepare ${node.prepareSeconds.toFixed(1)} s (CPU ${node.prepareCpuSeconds.toFixed(1)} s; ${Math.round(node.textsPerSecond).toLocaleString('en-US')} texts/s), first batch at ${node.firstBatchSeconds?.toFixed(1) ?? 'n/a'} s, peak ${Math.round(node.peakRssMiB)} MiB`);
      } else log(`scale:   Node failed: ${node.error}`);
      let page: ScaleSizeResult['page'] = null;
      if (preview !== null) {
        try {
          page = { status: 'ok', ...(await measurePage(preview.url, file, options.timeoutSeconds * 1000)) };
          log(`scale:   page: data check after ${page.loadSeconds.toFixed(1)} s, Train → first batch ${page.trainToFirstBatchSeconds.toFixed(1)} s (tab CPU ${page.trainToFirstBatchCpuSeconds.toFixed(1)} s), tab peak ${Math.round(page.tabPeakMiB)} MiB (browser ${Math.round(page.browserPeakMiB)} MiB)`);
        } catch (error) {
          page = { status: 'failed', error: errorText(error) };
          log(`scale:   page failed: ${page.error}`);
        }
      }
      sizes.push({ rows, fileBytes, node, page });
      rmSync(file, { force: true });
    }
  } finally {
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { source: SOURCE, sizes, growth: growthOf(sizes), pageError };
}
