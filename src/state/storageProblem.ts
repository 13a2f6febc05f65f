/**
 * Words for what went wrong with the browser's storage. A DOMException's name says more than its
 * message, which is often empty: a full quota rejects with name "QuotaExceededError" and message
 * "" (Chromium), which the page used to show as "could not be saved in this browser ()".
 */
const WORDS: Record<string, string> = {
  QuotaExceededError: "the browser's storage for this site is full",
  SecurityError: 'the browser does not let this page store data (site data may be blocked in its settings)',
  InvalidStateError: 'the browser does not offer storage in this window (a private window may not)',
};

export function storageProblem(e: unknown): string {
  const name = typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : '';
  const message = typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message.trim() : e == null ? '' : String(e);
  const known = WORDS[name];
  if (known) return message ? `${known}: ${message}` : known;
  if (name && name !== 'Error' && message) return `${name}: ${message}`;
  return message || name || 'the browser gave no reason';
}
