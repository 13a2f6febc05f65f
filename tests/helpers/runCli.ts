import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DATA = `${ROOT}tests/fixtures/datasets`;
export const MALFORMED = `${ROOT}tests/fixtures/malformed`;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (what --json promises). */
  json: Record<string, unknown>;
}

/** Runs `npm run sift -- ARGS` the way a person would, without npm's own output. */
export function runCli(args: string[], timeoutMs = 600_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/cli/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trimEnd().split('\n').at(-1) ?? '';
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(last) as Record<string, unknown>;
      } catch {
        // Not every run asks for --json; tests that need it assert on `json`.
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}
