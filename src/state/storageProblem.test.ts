import { describe, expect, it } from 'vitest';
import { StorageFailure, storageProblem } from './storageProblem';

// The page's words for each (word for word the sentences it showed before) are tested in src/ui/workspace/storageWords.test.ts.
describe('storageProblem', () => {
  it.each([
    ['a full quota, as Chromium reports it (empty message)', new DOMException('', 'QuotaExceededError'), { kind: 'full', message: '' }],
    ['a full quota with a message', new DOMException('Quota exceeded.', 'QuotaExceededError'), { kind: 'full', message: 'Quota exceeded.' }],
    ['blocked site data', new DOMException('The operation is insecure.', 'SecurityError'), { kind: 'blocked', message: 'The operation is insecure.' }],
    ['no storage in this window', new DOMException('', 'InvalidStateError'), { kind: 'no-storage-in-window', message: '' }],
    ['another DOMException', new DOMException('Internal error.', 'UnknownError'), { kind: 'other', name: 'UnknownError', message: 'Internal error.' }],
    ['a DOMException with no message', new DOMException('', 'AbortError'), { kind: 'other', name: 'AbortError', message: '' }],
    ['a plain Error', new Error('the engine stopped'), { kind: 'other', name: '', message: 'the engine stopped' }],
    ['nothing at all (a transaction aborted without an error)', null, { kind: 'no-reason' }],
    ['a failure the guarded storage already named', new StorageFailure({ kind: 'no-answer', seconds: 5 }), { kind: 'no-answer', seconds: 5 }],
  ])('%s', (_name, error, problem) => {
    expect(storageProblem(error)).toEqual(problem);
  });
});
