/**
 * Serves dist/ with `vite preview` on a free port for the journeys and stops it afterwards.
 * The build itself is `npm run build` (run by `npm run test:e2e`), so what is tested is what ships.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startPreview } from './preview';

declare module 'vitest' {
  export interface ProvidedContext {
    previewUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${root}/dist/index.html`)) {
    throw new Error('dist/ is missing: run `npm run build` first (or use `npm run test:e2e`, which builds).');
  }
  const { url, stop } = await startPreview();
  project.provide('previewUrl', url);
  return stop;
}
