import { describe, expect, it } from 'vitest';
import { memoryPersistence } from '../persistence';
import { keepDataset } from './datasetSaving';

const source = (bytes: number, fileName: string) => ({ bytes: new Uint8Array(bytes), fileName, options: { delimiter: ',' as const } });

describe('keepDataset', () => {
  it('saves a file up to the limit, as it was read', async () => {
    const persistence = memoryPersistence();
    expect(await keepDataset(persistence, source(1000, 'small.csv'), 1000)).toBeNull();
    expect((await persistence.load()).dataset).toMatchObject({ fileName: 'small.csv', options: { delimiter: ',' } });
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
