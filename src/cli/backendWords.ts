/** The CLI's line about which backend trains and why, written from the engine's BackendReport data. */
import { fastestPath } from '@/core/model/backendReport';
import type { BackendReport, PathSpeeds, TrainingPath } from '@/core/model/types';

const PATH_WORDS: Record<TrainingPath, string> = {
  sparse: 'sparse path (embedding in JS)',
  graph: 'graph path (whole model on the backend)',
};

const perSecond = (n: number): string => `${Math.round(n)}/s`;

function pathSpeeds(speeds: PathSpeeds): string {
  return (['graph', 'sparse'] as const)
    .filter((p) => speeds[p] !== undefined)
    .map((p) => `${p} ${perSecond(speeds[p] ?? 0)}`)
    .join(', ');
}

/** "wasm, fastest of 2 measured (wasm 9012/s, cpu 4100/s); sparse path (embedding in JS)". */
export function backendWords(report: BackendReport): string {
  const parts: string[] = [report.name];
  const measured = report.measurements.filter((m) => m.speeds !== undefined);
  if (report.choice === 'user') parts.push('chosen by you');
  else {
    const figures = measured.map((m) => `${m.name} ${perSecond(fastestPath(m.speeds)?.examplesPerSecond ?? 0)}`).join(', ');
    const where = report.measuredOn ? ` on ${report.measuredOn.fileName} ${Math.round(report.measuredOn.msBefore / 1000)} s before this run` : '';
    parts.push(`fastest of ${measured.length} measured${where} (${figures})`);
  }
  const own = report.measurements.find((m) => m.name === report.name)?.speeds;
  const pathFigures = report.pathChoice === 'measured' && own ? `, ${pathSpeeds(own)}` : '';
  parts.push(`${PATH_WORDS[report.path]}${report.pathChoice === 'user' ? ' chosen by you' : ''}${pathFigures}`);
  for (const m of report.measurements) if (m.error !== undefined) parts.push(`${m.name} could not run: ${m.error}`);
  return parts.join('; ');
}
