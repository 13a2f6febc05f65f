import { describe, expect, it } from 'vitest';
import { memoryPersistence } from '../persistence';
import { keepDataset } from './datasetSaving';

/** A source of `size` bytes: a real Blob for the small files, only its size for the large one (keepDataset must not read it). */
const source = (size: number, fileName: string) => ({
  file: size <= 1000 ? new Blob([new Uint8Array(size)]) : ({ size } as Blob),
  fileName,
  options: { delimiter: ',' as const },
});

describe('keepDataset', () => {
  it('saves a file up to the limit, as it was read', async () => {
    const persistence = memoryPersistence();
    expect(await keepDataset(persistence, source(1000, 'small.csv'), 1000)).toBeNull();
    const saved = (await persistence.load()).dataset;
    expect(saved).toMatchObject({ fileName: 'small.csv', options: { delimiter: ',' } });
    expect(saved?.bytes).toEqual(new Uint8Array(1000));
  });

  it('does not save a larger file, forgets the one saved before, and says which file and why', async () => {
    const persistence = memoryPersistence();
    await keepDataset(persistence, source(10, 'old.csv'), 1000);
    await persistence.saveSettings({ overrides: { epochs: 3 } });
    const notice = await keepDataset(persistence, source(251_000_000, 'big.csv'), 100_000_000);
    expect(notice).toEqual({ kind: 'dataset-not-kept', fileName: 'big.csv', bytes: 251_000_000, largest: 100_000_000 });
    const saved = await persistence.load();
    expect(saved.dataset).toBeUndefined();
    expect(saved.settings).toEqual({ overrides: { epochs: 3 } });
  });
});
