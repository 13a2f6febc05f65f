import { sourceBytes } from '../dataSource';
import type { Persistence } from '../persistence';
import type { DataSource, WorkspaceNotice } from '../types';

/**
 * Files larger than this are read, checked and trained on, but not saved in this browser.
 * Saving one copies it into IndexedDB (its size again on disk, seconds of writing), and every
 * reload would read and check it again before the page is usable: measured for AG News repeated
 * to 1,000,000 rows (251 MB), ~20–30 s to the data check in headless Chromium on 2 cores.
 * Choosing the file again costs the person about as much, and only when they want it.
 */
export const LARGEST_KEPT_DATASET_BYTES = 100 * 1024 * 1024;

/**
 * Saves the dataset for the next visit; for a file too large to keep, forgets the one saved
 * before (a reload must not bring back an older file in its place) and returns the notice that
 * tells the person so (null when it was saved; the page puts it into words).
 */
export async function keepDataset(persistence: Persistence, source: DataSource, largest: number = LARGEST_KEPT_DATASET_BYTES): Promise<WorkspaceNotice | null> {
  const { fileName, options } = source;
  const byteLength = source.file.size;
  if (byteLength <= largest) {
    await persistence.saveDataset({ bytes: await sourceBytes(source), fileName, options });
    return null;
  }
  await persistence.saveDataset(null);
  return { kind: 'dataset-not-kept', fileName, bytes: byteLength, largest };
}
