import type { ClassCount, DatasetReport, LengthStats, Problem } from '@/core/dataset/types';
import { formatCount, formatPercent } from '../common/format';
import { useT, useTextLang, type T } from '../i18n';
import { LabelCorrections } from './LabelCorrections';
import { PersonalDataForSettings } from './PersonalData';
import { problemMessage } from './problemMessage';

const MAX_CLASS_BARS = 40;

/** The data check: how many examples per class, how long the texts are, and what looks wrong. */
export function DataCheck({ report }: { report: DatasetReport }) {
  const t = useT();
  return (
    <div className="data-check">
      <h3 className="subheading">{t('data.check.title')}</h3>
      <dl className="stats">
        <Stat term={t('data.check.usable')} value={formatCount(report.usableExamples)} />
        <Stat term={t('data.check.classes')} value={formatCount(report.classes.length)} />
        <Stat term={t('data.check.skipped')} value={formatCount(report.skippedRows)} />
        <Stat term={t('data.check.duplicates')} value={formatCount(report.duplicateTexts)} />
        <Stat term={t('data.check.median')} value={t('data.check.medianWords', { count: report.lengths.p50 })} />
      </dl>
      <LabelCorrections />
      <div className="data-check__charts">
        <ClassBars classes={report.classes} total={report.usableExamples} t={t} />
        <LengthHistogram lengths={report.lengths} t={t} />
      </div>
      <ProblemList problems={report.problems} trainable={report.trainable} t={t} />
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

function ClassBars({ classes, total, t }: { classes: ClassCount[]; total: number; t: T }) {
  const langOf = useTextLang();
  const sorted = [...classes].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, MAX_CLASS_BARS);
  const max = Math.max(1, ...shown.map((c) => c.count));
  return (
    <figure className="chart-card">
      <figcaption id="class-bars-caption">{t('data.check.perClass')}</figcaption>
      <ul className="class-bars" aria-labelledby="class-bars-caption">
        {shown.map((c) => (
          <li key={c.label} className="class-bars__row">
            <span className="class-bars__label" title={c.label} lang={langOf(c.label)}>
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
      {sorted.length > shown.length && <p className="muted">{t('data.check.moreClasses', { count: sorted.length - shown.length })}</p>}
    </figure>
  );
}

function LengthHistogram({ lengths, t }: { lengths: LengthStats; t: T }) {
  const buckets = lengths.histogram;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <figure className="chart-card" aria-labelledby="length-caption">
      <figcaption id="length-caption">
        {t('data.check.lengthTitle')}{' '}
        <span className="muted">{t('data.check.lengthFacts', { median: formatCount(lengths.p50), p95: formatCount(lengths.p95), max: formatCount(lengths.max) })}</span>
      </figcaption>
      <div className="histogram" aria-hidden="true">
        {buckets.map((b, i) => (
          <div key={i} className="histogram__col" title={t('data.check.bucket', { words: bucketLabel(buckets, i), texts: t('common.texts', { count: b.count }) })}>
            <div className="histogram__bar" style={{ height: `${(b.count / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div className="histogram__axis" aria-hidden="true">
        <span>0</span>
        <span>{buckets.length ? t('data.check.axisWords', { n: formatCount(buckets[buckets.length - 1].upTo) }) : ''}</span>
      </div>
      {/* A table is as wide as its text whatever its own width: a hidden one stays inside a 1 px box, or it widens the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('data.check.byLength')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.check.words')}</th>
              <th scope="col">{t('data.check.texts')}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b, i) => (
              <tr key={i}>
                <td>{bucketLabel(buckets, i)}</td>
                <td>{formatCount(b.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function bucketLabel(buckets: LengthStats['histogram'], i: number): string {
  const from = i === 0 ? 0 : buckets[i - 1].upTo + 1;
  return from >= buckets[i].upTo ? formatCount(buckets[i].upTo) : `${formatCount(from)}–${formatCount(buckets[i].upTo)}`;
}

function ProblemList({ problems, trainable, t }: { problems: Problem[]; trainable: boolean; t: T }) {
  if (problems.length === 0) {
    return <p className="check-ok">{t('data.check.ok')}</p>;
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...problems].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <div className="problems">
      <h4 className="subheading subheading--small">
        {t('data.check.things', { count: problems.length })}
        {!trainable && <span className="badge badge--error">{t('data.check.cannotTrain')}</span>}
      </h4>
      <ul className="problem-list">
        {sorted.map((p, i) => (
          <li key={`${p.code}-${i}`} className={`problem problem--${p.severity}`}>
            <span className="problem__severity">{t(`data.check.severity.${p.severity}`)}</span>
            <span className="problem__message">{problemMessage(t, p)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
