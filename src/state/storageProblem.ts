/**
 * What went wrong with the browser's storage, as data the page puts into words in its language
 * (src/ui/workspace/storageWords.ts). A DOMException's name says more than its message, which is
 * often empty: a full quota rejects with name "QuotaExceededError" and message "" (Chromium),
 * which the page used to show as "could not be saved in this browser ()".
 */
export type StorageProblem =
  /** A known DOMException; `message`: the browser's own words ('' when it gave none). */
  | { kind: 'full' | 'blocked' | 'no-storage-in-window'; message: string }
  | { kind: 'no-indexeddb' }
  /** A read that did not answer within `seconds`. */
  | { kind: 'no-answer'; seconds: number }
  /** Any other error: its name (a DOMException's; '' for a plain Error) and message, either may be ''. */
  | { kind: 'other'; name: string; message: string }
  | { kind: 'no-reason' };

const KNOWN: Record<string, 'full' | 'blocked' | 'no-storage-in-window'> = {
  QuotaExceededError: 'full',
  SecurityError: 'blocked',
  InvalidStateError: 'no-storage-in-window',
};

/** An error the guarded storage throws: what went wrong, as data. */
export class StorageFailure extends Error {
  override readonly name = 'StorageFailure';
  constructor(readonly problem: StorageProblem) {
    // The message is for logs only; people read the problem in their language.
    super(`storage: ${JSON.stringify(problem)}`);
  }
}

export function storageProblem(e: unknown): StorageProblem {
  if (e instanceof StorageFailure) return e.problem;
  const name = typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : '';
  const message = typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message.trim() : e == null ? '' : String(e);
  const known = KNOWN[name];
  if (known) return { kind: known, message };
  const shownName = name && name !== 'Error' && message ? name : '';
  if (!message && !name) return { kind: 'no-reason' };
  return { kind: 'other', name: message ? shownName : name, message };
}
