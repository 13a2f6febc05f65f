import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args';
import { MAX_THREADS } from './threads/buildInThreads';

describe('--threads', () => {
  it('is a whole number of threads from 1 to MAX_THREADS, or left to the builder (one per core)', () => {
    expect(parseCommandLine(['train', 'data.csv']).threads).toBeUndefined();
    expect(parseCommandLine(['train', 'data.csv', '--threads', '1']).threads).toBe(1);
    expect(parseCommandLine(['train', 'data.csv', '--threads', String(MAX_THREADS)]).threads).toBe(MAX_THREADS);
  });

  it.each(['0', '2.5', String(MAX_THREADS + 1), 'all'])('refuses "%s" with a coded message', (raw) => {
    expect(() => parseCommandLine(['train', 'data.csv', '--threads', raw])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
