/**
 * The page's sentences about where a run trains and how, written from the engine's BackendReport.
 * One plain sentence for the main view (`backendSummary`); the figures and the technical words
 * (backend names, examples/s, row-wise Adagrad) go under "Details" (`backendDetails`), each
 * explained. Plain strings, one function per sentence, so they can move to an i18n catalogue.
 */
import { fastestPath } from '@/core/model/backendReport';
import type { BackendName, BackendReport, TrainingPath } from '@/core/model/types';
import { formatCount } from '../common/format';

/** What each backend is, for a person who has never heard of tfjs backends. */
const BACKEND_PLAIN: Record<BackendName, string> = {
  webgl: 'the graphics processor',
  wasm: 'the processor (WebAssembly)',
  cpu: 'the processor (plain JavaScript)',
};

const BACKEND_EXPLAINED: Record<BackendName, string> = {
  webgl: 'WebGL runs the arithmetic on the graphics processor',
  wasm: 'WebAssembly runs it on the processor as compiled code',
  cpu: 'plain JavaScript runs it on the processor, the slowest way, which works everywhere',
};

const PATH_EXPLAINED: Record<TrainingPath, string> = {
  sparse:
    'Each batch updates only the rows of the word table for the words it contains, in JavaScript (row-wise Adagrad: every word gets its own step size, so rare words still learn); the two layers after it run on the backend with Adam.',
  graph: 'The whole model runs as one TensorFlow.js graph on the backend (the word table with row-wise Adagrad, the two layers after it with Adam).',
};

export function backendPlainName(name: BackendName): string {
  return BACKEND_PLAIN[name];
}

function ago(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** Why this backend, in plain words: "as you chose", "the fastest way here". */
export function backendWhy(report: BackendReport): string {
  if (report.choice === 'user') return 'as you chose';
  const ran = report.measurements.filter((m) => m.speeds !== undefined).length;
  return ran === 1 ? 'the only way that worked here' : 'the fastest way here, measured on real batches';
}

/** The main view's one sentence: "Trains on the processor (WebAssembly), the fastest way here…". */
export function backendSummary(report: BackendReport, tense: 'trains' | 'trained'): string {
  return `${tense === 'trains' ? 'Trains' : 'Trained'} on ${BACKEND_PLAIN[report.name]}, ${backendWhy(report)}.`;
}

const perSecond = (n: number) => `${formatCount(n)} texts/s`;

/** The facts behind the summary, each in words a newcomer can follow; shown under "Details". */
export function backendDetails(report: BackendReport): string[] {
  const lines: string[] = [];
  lines.push(`Backend: ${report.name}. ${BACKEND_EXPLAINED[report.name]}.`);
  const measured = report.measurements.filter((m) => m.speeds !== undefined);
  if (report.choice !== 'user' && measured.length > 0) {
    const figures = measured.map((m) => `${m.name} ${perSecond(fastestPath(m.speeds)?.examplesPerSecond ?? 0)}`).join(', ');
    const when = report.measuredOn ? ` (measured on ${report.measuredOn.fileName} ${ago(report.measuredOn.msBefore)} before this run)` : '';
    lines.push(`Training speed measured on a few real batches: ${figures}${when}.`);
  }
  for (const m of report.measurements) {
    if (m.error !== undefined) lines.push(`${m.name} could not run here: ${m.error}.`);
  }
  const own = report.measurements.find((m) => m.name === report.name)?.speeds;
  const timed =
    report.pathChoice === 'measured' && own
      ? ` Both ways were timed: ${(['graph', 'sparse'] as const).filter((p) => own[p] !== undefined).map((p) => `${p} ${perSecond(own[p] ?? 0)}`).join(', ')}.`
      : '';
  lines.push(`How a step is computed (${report.path}${report.pathChoice === 'user' ? ', as you chose' : ''}): ${PATH_EXPLAINED[report.path]}${timed}`);
  return lines;
}

/** Before Train: what measuring ahead found. */
export function measuredAheadSentence(report: BackendReport, fileName: string): string {
  return `Measured while you looked at ${fileName}: the fastest way to train here is ${BACKEND_PLAIN[report.name]}. Train starts on it at once.`;
}
