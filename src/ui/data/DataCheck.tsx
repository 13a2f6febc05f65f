import type { ClassCount, DatasetReport, LengthStats, Problem } from '@/core/dataset/types';
import { formatPercent } from '@/core/format';
import { formatCount, formatRows } from '../common/format';
import { LabelCorrections } from './LabelCorrections';
import { PersonalDataForSettings } from './PersonalData';

const MAX_CLASS_BARS = 40;

/** The data check: how many examples per class, how long the texts are, and what looks wrong. */
export function DataCheck({ report }: { report: DatasetReport }) {
  return (
    <div className="data-check">
      <h3 className="subheading">Data check</h3>
      <dl className="stats">
        <Stat term="Usable examples" value={formatCount(report.usableExamples)} />
        <Stat term="Classes" value={formatCount(report.classes.length)} />
        <Stat term="Rows skipped" value={formatCount(report.skippedRows)} />
        <Stat term="Duplicate texts" value={formatCount(report.duplicateTexts)} />
        <Stat term="Median length" value={`${formatCount(report.lengths.p50)} words`} />
      </dl>
      <LabelCorrections />
      <div className="data-check__charts">
        <ClassBars classes={report.classes} total={report.usableExamples} />
        <LengthHistogram lengths={report.lengths} />
      </div>
      <ProblemList problems={report.problems} trainable={report.trainable} />
      <PersonalDataForSettings pii={report.pii} />
    </div>
  );
}

function Stat({ term, value }: { term: string; value: string }) {
  return (
    <div className="stat">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ClassBars({ classes, total }: { classes: ClassCount[]; total: number }) {
  const sorted = [...classes].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, MAX_CLASS_BARS);
  const max = Math.max(1, ...shown.map((c) => c.count));
  return (
    <figure className="chart-card">
      <figcaption id="class-bars-caption">Examples per class</figcaption>
      <ul className="class-bars" aria-labelledby="class-bars-caption">
        {shown.map((c) => (
          <li key={c.label} className="class-bars__row">
            <span className="class-bars__label" title={c.label}>
              {c.label}
            </span>
            <span className="class-bars__track" aria-hidden="true">
              <span className="class-bars__bar" style={{ width: `${(c.count / max) * 100}%` }} />
            </span>
            <span className="class-bars__value">
              {formatCount(c.count)} <span className="muted">({formatPercent(total ? c.count / total : 0, 0)})</span>
            </span>
          </li>
        ))}
      </ul>
      {sorted.length > shown.length && <p className="muted">and {sorted.length - shown.length} more classes</p>}
    </figure>
  );
}

function LengthHistogram({ lengths }: { lengths: LengthStats }) {
  const buckets = lengths.histogram;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <figure className="chart-card" aria-labelledby="length-caption">
      <figcaption id="length-caption">
        Text length in words <span className="muted">(median {formatCount(lengths.p50)}, 95% ≤ {formatCount(lengths.p95)}, longest {formatCount(lengths.max)})</span>
      </figcaption>
      <div className="histogram" aria-hidden="true">
        {buckets.map((b, i) => (
          <div key={i} className="histogram__col" title={`${bucketLabel(buckets, i)} words: ${formatCount(b.count)} texts`}>
            <div className="histogram__bar" style={{ height: `${(b.count / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div className="histogram__axis" aria-hidden="true">
        <span>0</span>
        <span>{buckets.length ? formatCount(buckets[buckets.length - 1].upTo) : ''} words</span>
      </div>
      <table className="visually-hidden">
        <caption>Texts by length</caption>
        <thead>
          <tr>
            <th scope="col">Words</th>
            <th scope="col">Texts</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b, i) => (
            <tr key={i}>
              <td>{bucketLabel(buckets, i)}</td>
              <td>{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function bucketLabel(buckets: LengthStats['histogram'], i: number): string {
  const from = i === 0 ? 0 : buckets[i - 1].upTo + 1;
  return from >= buckets[i].upTo ? `${buckets[i].upTo}` : `${from}–${buckets[i].upTo}`;
}

const SEVERITY_WORDS = { error: 'Blocks training', warning: 'Worth a look', info: 'Note' } as const;

function ProblemList({ problems, trainable }: { problems: Problem[]; trainable: boolean }) {
  if (problems.length === 0) {
    return <p className="check-ok">No problems found: every row has a text and a label.</p>;
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...problems].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <div className="problems">
      <h4 className="subheading subheading--small">
        {problems.length === 1 ? '1 thing to know' : `${problems.length} things to know`}
        {!trainable && <span className="badge badge--error">cannot train yet</span>}
      </h4>
      <ul className="problem-list">
        {sorted.map((p, i) => (
          <li key={`${p.code}-${i}`} className={`problem problem--${p.severity}`}>
            <span className="problem__severity">{SEVERITY_WORDS[p.severity]}</span>
            <span className="problem__message">{p.message}</span>
            {/* The engine's sentence usually names the rows already; list them only when it does not. */}
            {p.rows.length > 0 && !/\brows?\b/i.test(p.message) && <span className="problem__rows muted">{formatRows(p.rows, p.count)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
