import type { BackendReport } from '@/core/model/types';

/** Which backend runs and why, plus any backend that could not start and the reason it gave. */
export function BackendFacts({ report }: { report: BackendReport }) {
  const failed = report.measurements.filter((m) => m.error !== undefined);
  return (
    <p className="muted backend-facts">
      Backend: <strong>{report.name}</strong> — {report.reason}.
      {failed.map((m) => (
        <span key={m.name} className="backend-facts__failed">
          {' '}
          {m.name} could not run here: {m.error}.
        </span>
      ))}
    </p>
  );
}
