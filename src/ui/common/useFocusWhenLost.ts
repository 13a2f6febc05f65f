import { useEffect, useRef, type RefObject } from 'react';

/** True when nothing has focus: the focused element went away (unmounted, disabled) or none was focused. */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * Moves focus to `target` when `key` changes to a value for which `when` holds, but only when
 * focus was lost (the button the person pressed went away, as Train does when training starts),
 * never away from where the person is working.
 */
export function useFocusWhenLost(target: RefObject<HTMLElement | null>, key: unknown, when: boolean): void {
  const previous = useRef(key);
  useEffect(() => {
    const changed = previous.current !== key;
    previous.current = key;
    if (changed && when && focusIsLost()) target.current?.focus();
  }, [key, when, target]);
}
