import { describe, expect, it } from 'vitest';
import { assertSucceeded, median, medianOrNull } from './measure';

describe('median', () => {
  it.each([
    { values: [3], expected: 3 },
    { values: [5, 1, 3], expected: 3 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [10, 1, 1], expected: 1 },
  ])('median($values) = $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow();
  });

  it('ignores missing values and gives null when all are missing', () => {
    expect(medianOrNull([null, 4, 2, null])).toBe(3);
    expect(medianOrNull([null, null])).toBeNull();
  });
});

describe('assertSucceeded', () => {
  const failed = (stderr: string) => ({ exitCode: 1, stdout: '', stderr, wallSeconds: 1, peakRssMiB: null });

  it('quotes the line naming the error rather than the end of a stack trace', () => {
    const stderr = [
      'node:internal/modules/run_main:123',
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@/core' imported from train.ts",
      '    at resolveTsPaths (index.mjs:2:4984)',
      'Node.js v20.20.2',
    ].join('\n');
    expect(() => assertSucceeded('sift train', failed(stderr))).toThrow(/code 1: Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package/);
  });

  it('falls back to the last lines and says when the process was killed', () => {
    expect(() => assertSucceeded('fasttext', failed('reading\ntraining\n(killed by SIGKILL after 5 s)'))).toThrow(
      /reading \/ training \/ \(killed by SIGKILL after 5 s\)/,
    );
  });

  it('passes a successful run', () => {
    expect(() => assertSucceeded('x', { ...failed(''), exitCode: 0 })).not.toThrow();
  });
});
