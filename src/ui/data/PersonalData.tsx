import type { PiiFound } from '@/core/dataset/types';
import { PII_KINDS, PII_PLACEHOLDERS } from '@/core/text/pii';
import { useSift } from '@/state/appStore';
import { selectSettings } from '@/state/selectors';
import { formatCount } from '../common/format';
import { Trans, useT, useTextLang, type T } from '../i18n';
import { joinAnd } from './problemMessage';

/**
 * "312 phone numbers and 41 email addresses in 290 rows", most frequent kind first, or null when
 * nothing was found: in English, word for word the CLI's phrase (core/dataset/pii.ts describePii).
 */
export function piiFoundText(t: T, pii: PiiFound): string | null {
  if (pii.total === 0) return null;
  const kinds = PII_KINDS.filter((kind) => pii.counts[kind] > 0).sort((a, b) => pii.counts[b] - pii.counts[a]);
  const parts = kinds.map((kind) => t(`data.pii.kinds.${kind}`, { count: pii.counts[kind] }));
  return t('data.pii.found', { kinds: joinAnd(t, parts), rows: t('data.pii.rows', { count: pii.rows }) });
}

/**
 * What the data check found of personal data, and what training will do with it: masked (the
 * default) or kept (masking turned off in the advanced settings). The examples come from the
 * engine already masked, so the page never shows the personal data itself.
 */
export function PersonalData({ pii, maskPii }: { pii: PiiFound; maskPii: boolean }) {
  const t = useT();
  const textLang = useTextLang();
  const found = piiFoundText(t, pii);
  if (found === null) {
    return <p className="personal-data muted">{t('data.pii.none')}</p>;
  }
  return (
    <div className={`personal-data${maskPii ? '' : ' personal-data--kept'}`}>
      <h4 className="subheading subheading--small">{t('data.pii.title')}</h4>
      <p>
        {maskPii ? (
          <Trans t={t} i18nKey="data.pii.masked" values={{ found, placeholder: PII_PLACEHOLDERS.phone }} components={{ code: <code /> }} />
        ) : (
          <Trans t={t} i18nKey="data.pii.kept" values={{ found }} components={{ strong: <strong /> }} />
        )}
      </p>
      <ul className="personal-data__examples" aria-label={t('data.pii.examples')}>
        {pii.examples.map((e) => (
          <li key={e.row}>
            <span className="muted">{t('data.pii.row', { row: formatCount(e.row) })}</span> <span lang={textLang(e.text)}>{e.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** PersonalData with the masking setting the next run will use. */
export function PersonalDataForSettings({ pii }: { pii: PiiFound }) {
  const maskPii = useSift((s) => selectSettings(s).maskPii);
  return <PersonalData pii={pii} maskPii={maskPii} />;
}
