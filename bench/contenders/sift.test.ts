import { describe, expect, it } from 'vitest';
import { parseSiftJson } from './sift';

describe('parseSiftJson', () => {
  const result = {
    command: 'train',
    backend: 'wasm',
    seconds: 12.5,
    trainSeconds: 10,
    fitSeconds: 11,
    epochs: [{ examplesPerSecond: 1000 }, { examplesPerSecond: 3000 }, { examplesPerSecond: 2000 }],
    test: { accuracy: 0.9, macroF1: 0.85 },
  };

  it('reads the last stdout line and ignores what comes before', () => {
    expect(parseSiftJson(`some log line\n${JSON.stringify(result)}\n`)).toEqual({
      seconds: 12.5,
      backend: 'wasm',
      accuracy: 0.9,
      macroF1: 0.85,
      epochs: 3,
      examplesPerSecond: 2000,
      fitSeconds: 11,
      modelSeconds: 10,
    });
  });

  it('accepts the backend as a report object', () => {
    expect(parseSiftJson(JSON.stringify({ ...result, backend: { name: 'cpu', reason: 'chosen by you' } })).backend).toBe('cpu');
  });

  it.each([
    { name: 'not JSON', stdout: 'Trained in 3 s', error: /not JSON/ },
    { name: 'an error object', stdout: JSON.stringify({ error: { code: 'NO_EXAMPLES' } }), error: /lacks/ },
    { name: 'no test metrics', stdout: JSON.stringify({ ...result, test: null }), error: /lacks/ },
  ])('refuses $name', ({ stdout, error }) => {
    expect(() => parseSiftJson(stdout)).toThrow(error);
  });
});
