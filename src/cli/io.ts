/** Terminal I/O for the CLI: files, human lines, the progress bar and the final JSON line. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { errorMessage, SiftError, toAppError } from '@/core/errors';
import { formatPercent } from '@/core/format';
import { terminalSafe, terminalSafeJson } from './terminalText';

/** A size past which a file is refused unread, and the error that says so. */
export interface ReadLimit {
  maxBytes: number;
  refuse: (bytes: number) => SiftError;
}

/**
 * The file's bytes. With a limit, a larger file is refused from its size alone, before a byte is
 * read (a 5 GB "model" must not be loaded into memory to be refused).
 */
export async function readBytes(path: string, limit?: ReadLimit): Promise<Uint8Array> {
  if (limit) {
    const { size } = await onFile(path, () => stat(path));
    if (size > limit.maxBytes) throw limit.refuse(size);
  }
  return new Uint8Array(await onFile(path, () => readFile(path)));
}

async function onFile<T>(path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SiftError('FILE_NOT_FOUND', `${path}: no such file.`);
    if (code === 'EISDIR') throw new SiftError('FILE_NOT_FOUND', `${path} is a folder, not a file.`);
    throw new SiftError('FILE_NOT_FOUND', `${path}: cannot be read (${code ?? errorMessage(e)}).`);
  }
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    throw new SiftError('INVALID_OPTION', `Cannot write ${path}: ${errorMessage(e)}.`);
  }
}

/**
 * Where output goes. In --json mode stdout carries only the final JSON object (so the last line
 * is machine-readable) and human lines move to stderr.
 */
export class Output {
  private progressShown = false;

  constructor(readonly json: boolean) {}

  /** A human line; labels and names in it may come from a stranger's file, so it is made terminal-safe. */
  line(text = ''): void {
    this.clearProgress();
    (this.json ? process.stderr : process.stdout).write(terminalSafe(text) + '\n');
  }

  /** A one-line progress bar, redrawn in place; only on an interactive terminal. */
  progress(fraction: number, text: string): void {
    if (!process.stderr.isTTY) return;
    const width = 24;
    const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${terminalSafe(text)}\x1b[K`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (this.progressShown) {
      process.stderr.write('\r\x1b[K');
      this.progressShown = false;
    }
  }

  result(value: unknown): void {
    this.clearProgress();
    if (this.json) process.stdout.write(terminalSafeJson(value) + '\n');
  }

  /** One line, never a stack trace; with --json the error object is the last stdout line. */
  error(e: unknown): void {
    this.clearProgress();
    const err = toAppError(e);
    const where = [err.row !== undefined ? `row ${err.row}` : '', err.column ? `column "${err.column}"` : '']
      .filter(Boolean)
      .join(', ');
    process.stderr.write(terminalSafe(`sift: error ${err.code}: ${err.message}${where && !err.message.includes(where) ? ` (${where})` : ''}`) + '\n');
    if (this.json) process.stdout.write(terminalSafeJson({ error: err }) + '\n');
  }
}

export const pct = (x: number | null | undefined): string => (x == null ? '—' : formatPercent(x));
export const fixed = (x: number | null | undefined, digits = 4): string => (x == null ? '—' : x.toFixed(digits));
