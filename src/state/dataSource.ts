import type { ReadOptions } from '@/core/dataset/types';
import { errorMessage, type AppError } from '@/core/errors';
import type { DataSource } from './types';

/**
 * A file as the page keeps it between reads: a Blob, not its bytes. A File the person picked is
 * read from their disk when needed, and a Blob made from bytes lives in the browser's blob store,
 * outside the tab's memory. Holding the bytes instead kept a whole copy of the file in the tab
 * for the session: 250 MB of a million-row file, an eighth of the tab's 2 GB budget (issue 12).
 * Reading it again costs about a second per 250 MB, and only when the file is read again (other
 * reading options, a restarted worker, the corrected CSV, saving).
 */

/**
 * The source for `file`; `bytes`, when given, are what the first parse hands over: a File is
 * read here once for that. Bytes given by code stay the caller's (the parse reads the Blob made
 * of them).
 */
export async function openSource(file: Blob | Uint8Array, fileName: string, options: ReadOptions = {}): Promise<{ source: DataSource; bytes?: Uint8Array }> {
  if (file instanceof Uint8Array) return { source: { file: new Blob([file as Uint8Array<ArrayBuffer>]), fileName, options } };
  return { source: { file, fileName, options }, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * The source's bytes, read afresh: the caller may hand them over (transfer them to the worker).
 * @throws AppError FILE_UNREADABLE when the file is gone or changed on disk since it was chosen
 *   (browsers refuse to read a File whose file was modified); what was read from it stays.
 */
export async function sourceBytes(source: DataSource): Promise<Uint8Array> {
  try {
    return new Uint8Array(await source.file.arrayBuffer());
  } catch (e) {
    const error: AppError = {
      code: 'FILE_UNREADABLE',
      message: `${source.fileName} can no longer be read (${errorMessage(e)}): it was moved, deleted or changed since you chose it. Choose it again.`,
    };
    throw error;
  }
}
