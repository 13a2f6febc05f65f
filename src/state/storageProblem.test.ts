import { describe, expect, it } from 'vitest';
import { storageProblem } from './storageProblem';

describe('storageProblem', () => {
  it.each([
    ['a full quota, as Chromium reports it (empty message)', new DOMException('', 'QuotaExceededError'), "the browser's storage for this site is full"],
    ['a full quota with a message', new DOMException('Quota exceeded.', 'QuotaExceededError'), "the browser's storage for this site is full: Quota exceeded."],
    ['blocked site data', new DOMException('The operation is insecure.', 'SecurityError'), 'the browser does not let this page store data (site data may be blocked in its settings): The operation is insecure.'],
    ['another DOMException', new DOMException('Internal error.', 'UnknownError'), 'UnknownError: Internal error.'],
    ['a DOMException with no message', new DOMException('', 'AbortError'), 'AbortError'],
    ['a plain Error', new Error('the browser’s storage did not answer within 5 s'), 'the browser’s storage did not answer within 5 s'],
    ['nothing at all (a transaction aborted without an error)', null, 'the browser gave no reason'],
  ])('%s', (_name, error, words) => {
    expect(storageProblem(error)).toBe(words);
  });
});
