import { useId } from 'react';
import type { WaitedTime as Waited } from '@/state/runs/types';
import { formatSeconds } from '../common/format';

/** Each part of the wait, in plain words (shown on hover and on keyboard focus). */
export function waitedParts(waited: Waited): string[] {
  return [
    `preparing the data: ${formatSeconds(waited.preparing)}`,
    `measuring which way is fastest: ${formatSeconds(waited.measuring)}`,
    `training and saving: ${formatSeconds(waited.training)}`,
  ];
}

/**
 * The time the person waited (Train click to trained model), focusable, with its parts in a
 * tooltip that shows on hover and on focus and is the element's description for screen readers.
 */
export function WaitedTime({ waited }: { waited: Waited }) {
  const id = useId();
  return (
    <span className="waited" tabIndex={0} aria-describedby={id}>
      {formatSeconds(waited.total)}
      <span role="tooltip" id={id} className="waited__parts">
        {waitedParts(waited).join('; ')}
      </span>
    </span>
  );
}
