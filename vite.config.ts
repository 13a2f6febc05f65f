/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The Content-Security-Policy (nothing may leave the page) is written once, in index.html's
 * <meta> tag, which works on any static host. The same policy is also sent as a header by
 * `vite dev` and `vite preview` (README says how for other hosts): a header also covers what a
 * meta tag cannot (frame-ancestors), and every response, the worker's script included.
 */
const PAGE_POLICY = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(fileURLToPath(new URL('./index.html', import.meta.url)), 'utf8'))?.[1];
if (!PAGE_POLICY) throw new Error("index.html has no Content-Security-Policy meta tag: vite.config.ts serves that policy as a header");
const HEADER_POLICY = `${PAGE_POLICY}; frame-ancestors 'none'`;

/** The dev server alone needs more: React Refresh's inline preamble script and the HMR websocket. */
function relaxedForDev(policy: string): string {
  return policy
    .replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'")
    .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
}

function relaxCspForDev(): Plugin {
  return {
    name: 'sift-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(PAGE_POLICY!, relaxedForDev(PAGE_POLICY!)),
  };
}

export default defineConfig({
  plugins: [react(), relaxCspForDev()],
  server: { headers: { 'Content-Security-Policy': relaxedForDev(HEADER_POLICY) } },
  preview: { headers: { 'Content-Security-Policy': HEADER_POLICY } },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    // Unit tests live beside what they test (src/ and bench/); tests/ holds the browser journeys,
    // the fixtures and the helpers tests share.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
