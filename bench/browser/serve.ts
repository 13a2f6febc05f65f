/** Builds the app (or reuses dist/) and serves it with `vite preview` on a free port. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../datasets';

export function buildApp(): void {
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.trim().slice(-2000)}`);
}

export function hasBuild(): boolean {
  return existsSync(join(PROJECT_ROOT, 'dist', 'index.html'));
}

export { startPreview, type Preview } from '../../tests/e2e/preview';
