import { describe, expect, it } from 'vitest';
import { choosePath } from './trainingPath';
import type { TrainingPath } from './types';

describe('choosePath', () => {
  const cases: { speeds: Partial<Record<TrainingPath, number>>; path: TrainingPath }[] = [
    { speeds: { graph: 2300, sparse: 1900 }, path: 'graph' },
    { speeds: { graph: 180.4, sparse: 1900 }, path: 'sparse' },
  ];

  it.each(cases)('on webgl measures both paths and keeps the faster ($path)', async ({ speeds, path }) => {
    const asked: TrainingPath[][] = [];
    const decision = await choosePath('webgl', 'auto', undefined, async (paths) => {
      asked.push(paths);
      return speeds;
    });
    expect(asked).toEqual([['graph', 'sparse']]);
    expect(decision).toEqual({ path, how: 'measured', speeds });
  });

  it('reuses speeds auto measured, takes sparse unmeasured on wasm/cpu, and obeys a forced path', async () => {
    const never = async (): Promise<never> => {
      throw new Error('should not measure again');
    };
    expect(await choosePath('webgl', 'auto', { graph: 2300, sparse: 1900 }, never)).toEqual({ path: 'graph', how: 'measured', speeds: { graph: 2300, sparse: 1900 } });
    expect(await choosePath('wasm', 'auto', undefined, never)).toEqual({ path: 'sparse', how: 'only' });
    expect(await choosePath('cpu', 'auto', undefined, never)).toEqual({ path: 'sparse', how: 'only' });
    expect(await choosePath('webgl', 'sparse', undefined, never)).toEqual({ path: 'sparse', how: 'user' });
  });
});
