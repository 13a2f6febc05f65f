import type { BackendReport } from '@/core/model/types';
import { useT } from '../i18n';
import { backendDetails, backendSummary } from './backendSentences';

/**
 * Where the run trains, in one plain sentence, and the facts behind it (backend, measured speeds,
 * how a step is computed) under "Details". The data attributes let the benchmark read the backend
 * and path without parsing sentences.
 */
export function BackendFacts({ report, tense }: { report: BackendReport; tense: 'trains' | 'trained' }) {
  const t = useT();
  const pathSpeeds = report.pathChoice === 'measured' ? report.measurements.find((m) => m.name === report.name)?.speeds : undefined;
  return (
    <div className="backend-facts" data-backend={report.name} data-path={report.path} data-path-speeds={pathSpeeds ? JSON.stringify(pathSpeeds) : undefined}>
      <p className="muted">{backendSummary(t, report, tense)}</p>
      <details className="details">
        <summary>{t('train.backend.details')}</summary>
        <ul className="details__list">
          {backendDetails(t, report).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
