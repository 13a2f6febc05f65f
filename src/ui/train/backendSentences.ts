/** The page's sentences about which backend trains and why, written from the engine's BackendReport. */
import { fastestPath } from '@/core/model/backendReport';
import type { BackendReport, TrainingPath } from '@/core/model/types';
import { formatCount } from '../common/format';

const PATH_WORDS: Record<TrainingPath, string> = {
  sparse: 'the embedding updated in JavaScript, the dense layers on the backend',
  graph: 'the whole model on the backend',
};

const perSecond = (n: number) => `${formatCount(n)}/s`;

/** Why this backend: "chosen by you", or what was measured and when. */
export function backendReason(report: BackendReport): string {
  if (report.choice === 'user') return 'chosen by you';
  const measured = report.measurements.filter((m) => m.speeds !== undefined);
  const figures = measured.map((m) => `${m.name} ${perSecond(fastestPath(m.speeds)?.examplesPerSecond ?? 0)}`).join(', ');
  const fastest = measured.length === 1 ? `the only backend that started (${figures})` : `fastest of ${measured.length} measured (${figures})`;
  if (!report.measuredOn) return fastest;
  const seconds = Math.round(report.measuredOn.msBefore / 1000);
  const ago = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `${fastest}; measured on ${report.measuredOn.fileName} ${ago} before this run`;
}

/** How a step is computed, and the path timings when both paths were measured. */
export function pathSentence(report: BackendReport): string {
  const own = report.measurements.find((m) => m.name === report.name)?.speeds;
  const timed = report.pathChoice === 'measured' && own ? ` (measured: ${(['graph', 'sparse'] as const).filter((p) => own[p] !== undefined).map((p) => `${p} ${perSecond(own[p] ?? 0)}`).join(', ')})` : '';
  return `Training path: ${PATH_WORDS[report.path]}${report.pathChoice === 'user' ? ', chosen by you' : ''}${timed}.`;
}
