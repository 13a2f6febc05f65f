/** The bench's command-line options. */
import { availableParallelism } from 'node:os';

export interface BenchOptions {
  quick: boolean;
  runs: number;
  only: string[] | null;
  contenders: string[] | null;
  dataDir: string | undefined;
  /** Extra flags for the "sift-best" contender, replacing its built-in best settings. */
  siftArgs: string[] | null;
  threads: number;
  outDir: string | undefined;
  /** Per-process limit; a contender that exceeds it fails that dataset with a note. */
  timeoutSeconds: number;
  /** Runs after the first are skipped once they would end past this many minutes since the start. */
  budgetMinutes: number;
  /** Each optional part: on, off, or by mode ('auto': in the full and quick runs; see wantsSection). */
  sections: Record<Section, 'auto' | 'on' | 'off'>;
  /** Parts asked for with --PART-only: these run and the command-line contenders do not. */
  onlySections: Section[];
  /** Rows of the scale part's files. */
  scaleRows: number[];
  /** Build the app before the parts that use it; false reuses dist/. */
  build: boolean;
  help: boolean;
}

/**
 * The optional parts beside the command-line comparison:
 * - browser: examples/s per tfjs backend in headless Chromium, and the Try box's latency;
 * - label-issues: sift issues against the reference on files with flipped labels;
 * - hostile: time to refuse each hostile bundle, and the memory it takes;
 * - scale: 100k to 1M-row files read and trained to the first batch, in Node and in the page.
 */
export const SECTIONS = ['browser', 'label-issues', 'hostile', 'scale'] as const;
export type Section = (typeof SECTIONS)[number];

/** Parts too long for the quick run (the scale part alone takes 10-15 minutes): by default only in the full run. */
const FULL_RUN_ONLY: readonly Section[] = ['scale'];

export const USAGE = `Usage: npm run bench -- [options]   (or: npx tsx bench/run.ts [options])

  --quick               trec, sms_spam, thucnews_titles; 1 run (about 6 minutes on 2 cores)
  --runs N              runs per contender and dataset; times are the median (default 3, quick 1)
  --only a,b            only these datasets (names as in bench/datasets.ts)
  --contenders a,b      only these contenders: sift-default, sift-best, fasttext-default,
                        fasttext-tuned, sklearn
  --data DIR            folder holding the datasets (default ../shared/datasets, else
                        tests/fixtures/datasets)
  --sift-args "..."     flags for the sift-best contender instead of its built-in best settings
  --threads N           fastText threads (default: the machine's cores)
  --out DIR             where latest.json and latest.md go (default bench/results)
  --timeout S           kill a contender's process after S seconds (default 1200)
  --budget M            start no further repeat run that would end after M minutes
                        (default 28; first runs always happen)
  Optional parts, each on by default in the full and quick runs and off with --only or
  --contenders unless asked for; --PART turns one on, --no-PART off, --PART-only runs it
  (several may be combined) without the command-line contenders:
  --browser             train the app in headless Chromium, once per backend (webgl, wasm,
                        cpu; about 80 s with the build)
  --label-issues        5% of SMS and TREC-6 labels flipped, sift issues against
                        ../shared/tools/label_noise_ref.py (about 90 s; --only picks its
                        datasets too)
  --hostile             open each hostile bundle of issue 12 (zip bombs, lying sizes, huge
                        fields, escapes, 3e38 weights…) with the CLI and in headless
                        Chromium: time to refuse and peak memory (about 2 minutes)
  --scale               AG News texts repeated to 100k, 500k and 1M rows, read and trained
                        to the first batch by the CLI's path and by the app in headless
                        Chromium: times, peak memory, growth (10-15 minutes; in the full
                        run, not the quick one)
  --scale-rows a,b      the scale part's sizes instead (rows per file)
  --no-build            reuse dist/ instead of building the app (vite build) first
  --help                this text`;

/** Splits a flag string on whitespace, honouring simple single or double quotes. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) args.push(match[1] ?? match[2] ?? match[3] ?? '');
  return args;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number of at least 1 (got "${value}")`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let runs: number | undefined;
  const options: BenchOptions = {
    quick: false,
    runs: 3,
    only: null,
    contenders: null,
    dataDir: undefined,
    siftArgs: null,
    threads: availableParallelism(),
    outDir: undefined,
    timeoutSeconds: 1200,
    budgetMinutes: 28,
    sections: { browser: 'auto', 'label-issues': 'auto', hostile: 'auto', scale: 'auto' },
    scaleRows: [100_000, 500_000, 1_000_000],
    onlySections: [],
    build: true,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--runs':
        runs = positiveInteger(flag, value());
        break;
      case '--only':
        options.only = list(value());
        break;
      case '--contenders':
        options.contenders = list(value());
        break;
      case '--data':
        options.dataDir = value();
        break;
      case '--sift-args':
        options.siftArgs = splitArgs(value());
        break;
      case '--threads':
        options.threads = positiveInteger(flag, value());
        break;
      case '--out':
        options.outDir = value();
        break;
      case '--timeout':
        options.timeoutSeconds = positiveInteger(flag, value());
        break;
      case '--budget':
        options.budgetMinutes = positiveInteger(flag, value());
        break;
      case '--scale-rows':
        options.scaleRows = list(value()).map((v) => positiveInteger(flag, v));
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        if (!sectionFlag(options, flag)) throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  options.quick = quick;
  options.runs = runs ?? (quick ? 1 : 3);
  for (const section of options.onlySections) {
    if (options.sections[section] === 'off') throw new Error(`--${section}-only and --no-${section} contradict each other`);
  }
  return options;
}

/** --PART, --no-PART and --PART-only for each optional part; false for any other flag. */
function sectionFlag(options: BenchOptions, flag: string): boolean {
  for (const section of SECTIONS) {
    if (flag === `--${section}`) options.sections[section] = 'on';
    else if (flag === `--no-${section}`) options.sections[section] = 'off';
    else if (flag === `--${section}-only`) options.onlySections.push(section);
    else continue;
    return true;
  }
  return false;
}

/** True when only --PART-only parts run: no command-line contenders. */
export function sectionsOnly(options: BenchOptions): boolean {
  return options.onlySections.length > 0;
}

/**
 * Whether this run includes an optional part: asked for, or by default in the full and quick
 * runs; a selection (--only, --contenders) is about the CLI part, and --PART-only runs just those.
 */
export function wantsSection(options: BenchOptions, section: Section): boolean {
  if (options.onlySections.includes(section)) return true;
  switch (options.sections[section]) {
    case 'on':
      return true;
    case 'off':
      return false;
    case 'auto':
      return !sectionsOnly(options) && options.only === null && options.contenders === null && !(options.quick && FULL_RUN_ONLY.includes(section));
  }
}
