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
  /** The browser part (examples/s per tfjs backend in headless Chromium): on, off, or by mode (see wantsBrowser). */
  browser: 'auto' | 'on' | 'off';
  /** Only the browser part, no command-line contenders. */
  browserOnly: boolean;
  /** The hostile-bundles part (time to refuse each hostile .sift.zip, peak memory): on, off, or by mode (see wantsHostile). */
  hostile: 'auto' | 'on' | 'off';
  /** Only the hostile-bundles part. */
  hostileOnly: boolean;
  /** Build the app before the browser part; false reuses dist/. */
  build: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]   (or: npx tsx bench/run.ts [options])

  --quick               trec, sms_spam, thucnews_titles; 1 run (about 5 minutes on 2 cores)
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
  --browser             also train the app in headless Chromium, once per backend (webgl,
                        wasm, cpu; about 80 s with the build): on by default in the full
                        and quick runs, off with --only or --contenders unless given
  --no-browser          skip the browser part
  --browser-only        only the browser part
  --hostile             also open each hostile bundle of issue 12 (zip bombs, lying sizes, huge
                        fields, escapes, 3e38 weights…) with the CLI and in headless Chromium:
                        time to refuse and peak memory (about 2 minutes); on by default in the
                        full and quick runs, off with --only or --contenders unless given
  --no-hostile          skip the hostile-bundles part
  --hostile-only        only the hostile-bundles part
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
    browser: 'auto',
    browserOnly: false,
    hostile: 'auto',
    hostileOnly: false,
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
      case '--browser':
        options.browser = 'on';
        break;
      case '--no-browser':
        options.browser = 'off';
        break;
      case '--browser-only':
        options.browserOnly = true;
        break;
      case '--hostile':
        options.hostile = 'on';
        break;
      case '--no-hostile':
        options.hostile = 'off';
        break;
      case '--hostile-only':
        options.hostileOnly = true;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  options.quick = quick;
  options.runs = runs ?? (quick ? 1 : 3);
  if (options.browserOnly && options.browser === 'off') throw new Error('--browser-only and --no-browser contradict each other');
  if (options.hostileOnly && options.hostile === 'off') throw new Error('--hostile-only and --no-hostile contradict each other');
  if (options.hostileOnly && options.browserOnly) throw new Error('--hostile-only and --browser-only contradict each other');
  return options;
}

/**
 * Whether this run includes the browser part: asked for, or by default in the full and quick
 * runs (it took about 80 s, build included, on 2 cores); a selection (--only, --contenders) is
 * about the CLI part.
 */
export function wantsBrowser(options: BenchOptions): boolean {
  if (options.browserOnly) return true;
  if (options.hostileOnly) return options.browser === 'on';
  switch (options.browser) {
    case 'on':
      return true;
    case 'off':
      return false;
    case 'auto':
      return options.only === null && options.contenders === null;
  }
}

/** Whether this run includes the hostile-bundles part: as for the browser part (see wantsBrowser). */
export function wantsHostile(options: BenchOptions): boolean {
  if (options.hostileOnly) return true;
  if (options.browserOnly) return options.hostile === 'on';
  switch (options.hostile) {
    case 'on':
      return true;
    case 'off':
      return false;
    case 'auto':
      return options.only === null && options.contenders === null;
  }
}
