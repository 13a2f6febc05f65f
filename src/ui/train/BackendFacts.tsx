import type { BackendReport } from '@/core/model/types';
import { backendReason, pathSentence } from './backendSentences';

/**
 * Which backend runs and why, the training path, and any backend that could not start. The
 * data attributes let the benchmark read the backend and path without parsing the sentence.
 */
export function BackendFacts({ report }: { report: BackendReport }) {
  const failed = report.measurements.filter((m) => m.error !== undefined);
  const pathSpeeds = report.pathChoice === 'measured' ? report.measurements.find((m) => m.name === report.name)?.speeds : undefined;
  return (
    <p className="muted backend-facts" data-backend={report.name} data-path={report.path} data-path-speeds={pathSpeeds ? JSON.stringify(pathSpeeds) : undefined}>
      Backend: <strong>{report.name}</strong> — {backendReason(report)}. {pathSentence(report)}
      {failed.map((m) => (
        <span key={m.name} className="backend-facts__failed">
          {' '}
          {m.name} could not run here: {m.error}.
        </span>
      ))}
    </p>
  );
}
