import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser journeys in real Chromium (playwright-core + the system's /usr/bin/chromium) against the
 * PRODUCTION build served by `vite preview`. `npm run test:e2e` builds first; globalSetup serves.
 * Journeys run one after another: the machine has 2 cores and each journey trains.
 */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
