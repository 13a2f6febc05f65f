/**
 * The page's sentences about where a run trains and how, written from the engine's BackendReport.
 * One plain sentence for the main view (`backendSummary`); the figures and the technical words
 * (backend names, examples/s, row-wise Adagrad) go under "Details" (`backendDetails`), each
 * explained, in the page's language.
 */
import { fastestPath } from '@/core/model/backendReport';
import type { BackendName, BackendReport } from '@/core/model/types';
import { formatCount, formatList } from '../common/format';
import type { T } from '../i18n';

export function backendPlainName(t: T, name: BackendName): string {
  return t(`train.backend.plain.${name}`);
}

function ago(t: T, ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? t('train.backend.agoSeconds', { n: formatCount(seconds) }) : t('train.backend.agoMinutes', { n: formatCount(seconds / 60) });
}

/** Why this backend, in plain words: "as you chose", "the fastest way here". */
export function backendWhy(t: T, report: BackendReport): string {
  if (report.choice === 'user') return t('train.backend.why.user');
  const ran = report.measurements.filter((m) => m.speeds !== undefined).length;
  return ran === 1 ? t('train.backend.why.only') : t('train.backend.why.fastest');
}

/** The main view's one sentence: "Trains on the processor (WebAssembly), the fastest way here…". */
export function backendSummary(t: T, report: BackendReport, tense: 'trains' | 'trained'): string {
  return t(`train.backend.${tense}`, { where: backendPlainName(t, report.name), why: backendWhy(t, report) });
}

const perSecond = (t: T, n: number) => t('train.backend.perSecond', { n: formatCount(n) });

/** The facts behind the summary, each in words a newcomer can follow; shown under "Details". */
export function backendDetails(t: T, report: BackendReport): string[] {
  const lines: string[] = [];
  lines.push(t('train.backend.backendLine', { name: report.name, explained: t(`train.backend.explained.${report.name}`) }));
  const measured = report.measurements.filter((m) => m.speeds !== undefined);
  if (report.choice !== 'user' && measured.length > 0) {
    const figures = formatList(measured.map((m) => `${m.name} ${perSecond(t, fastestPath(m.speeds)?.examplesPerSecond ?? 0)}`));
    const when = report.measuredOn ? t('train.backend.measuredOn', { fileName: report.measuredOn.fileName, ago: ago(t, report.measuredOn.msBefore) }) : '';
    lines.push(t('train.backend.measured', { figures, when }));
  }
  for (const m of report.measurements) {
    if (m.error !== undefined) lines.push(t('train.backend.couldNotRun', { name: m.name, error: m.error }));
  }
  const own = report.measurements.find((m) => m.name === report.name)?.speeds;
  const timed =
    report.pathChoice === 'measured' && own
      ? t('train.backend.timed', {
          figures: formatList((['graph', 'sparse'] as const).filter((p) => own[p] !== undefined).map((p) => `${p} ${perSecond(t, own[p] ?? 0)}`)),
        })
      : '';
  lines.push(
    t('train.backend.step', {
      path: report.path,
      chosen: report.pathChoice === 'user' ? t('train.backend.stepChosen') : '',
      explained: t(`train.backend.path.${report.path}`),
      timed,
    }),
  );
  return lines;
}

/** Before Train: what measuring ahead found. */
export function measuredAheadSentence(t: T, report: BackendReport, fileName: string): string {
  return t('train.backend.ahead', { fileName, where: backendPlainName(t, report.name) });
}
