import { describePii } from '@/core/dataset/pii';
import type { PiiFound } from '@/core/dataset/types';
import { useSift } from '@/state/appStore';
import { selectSettings } from '@/state/selectors';

/**
 * What the data check found of personal data, and what training will do with it: masked (the
 * default) or kept (masking turned off in the advanced settings). The examples come from the
 * engine already masked, so the page never shows the personal data itself.
 */
export function PersonalData({ pii, maskPii }: { pii: PiiFound; maskPii: boolean }) {
  const found = describePii(pii);
  if (found === null) {
    return <p className="personal-data muted">Personal data: no e-mail addresses, phone, card or ID numbers found.</p>;
  }
  return (
    <div className={`personal-data${maskPii ? '' : ' personal-data--kept'}`}>
      <h4 className="subheading subheading--small">Personal data</h4>
      <p>
        {maskPii ? (
          <>
            {found} will be masked: each becomes one placeholder such as <code>&lt;phone&gt;</code>, so the model's vocabulary holds none of them. Web addresses
            are kept.
          </>
        ) : (
          <>
            {found} will be <strong>kept</strong>: masking is turned off in the advanced settings, so the model's vocabulary, and its file, may hold them.
          </>
        )}
      </p>
      <ul className="personal-data__examples" aria-label="Examples, with the personal data masked">
        {pii.examples.map((e) => (
          <li key={e.row}>
            <span className="muted">row {e.row}:</span> {e.text}
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
