import { useId } from 'react';
import type { WaitedTime as Waited } from '@/state/runs/types';
import { formatSeconds } from '../common/format';
import { useT, type T } from '../i18n';

/** Each part of the wait, in plain words (shown on hover and on keyboard focus). */
export function waitedParts(t: T, waited: Waited): string[] {
  return [
    t('train.waitedParts.preparing', { time: formatSeconds(waited.preparing) }),
    t('train.waitedParts.measuring', { time: formatSeconds(waited.measuring) }),
    t('train.waitedParts.training', { time: formatSeconds(waited.training) }),
  ];
}

/**
 * The time the person waited (Train click to trained model), focusable, with its parts in a
 * tooltip that shows on hover and on focus and is the element's description for screen readers.
 */
export function WaitedTime({ waited }: { waited: Waited }) {
  const t = useT();
  const id = useId();
  return (
    <span className="waited" tabIndex={0} aria-describedby={id}>
      {formatSeconds(waited.total)}
      <span role="tooltip" id={id} className="waited__parts">
        {waitedParts(t, waited).join(t('common.format.partSeparator'))}
      </span>
    </span>
  );
}
