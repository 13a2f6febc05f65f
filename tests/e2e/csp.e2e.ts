/**
 * Journey 4: "nothing leaves your computer" does not rest on the code alone. The engine's worker
 * runs under the page's Content-Security-Policy, so from INSIDE the worker a fetch and a
 * WebSocket to another origin (a server on another port of this machine) are blocked and that
 * server receives nothing: where the policy comes as a header (`vite preview`) and where the host
 * sends no headers at all (a plain static server: the page's <meta> tag is all there is, and the
 * worker inherits it because it is started from a blob: script). A control first shows the same
 * probe reaching the server from a page without a policy, so "received nothing" means blocked.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './session';

const DIST = join(process.cwd(), 'dist');

/** Counts everything that reaches it: TCP connections, HTTP requests, WebSocket upgrades. */
interface Listener {
  url: string;
  ws: string;
  seen: { connections: number; requests: number; upgrades: number };
  reset(): void;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startListener(): Promise<Listener> {
  const seen = { connections: 0, requests: 0, upgrades: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    seen.requests++;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('received');
  });
  server.on('connection', (socket) => {
    seen.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (_req, socket) => {
    seen.upgrades++;
    socket.destroy();
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/leak?secret=texts`,
    ws: `ws://127.0.0.1:${port}/leak`,
    seen,
    reset: () => Object.assign(seen, { connections: 0, requests: 0, upgrades: 0 }),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.csv': 'text/csv' };

/** dist/ served as the plainest static host would: files and their types, no other header. `/control` is a page with no policy. */
async function startStaticHost(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/control') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>no policy</title>');
      return;
    }
    const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Runs in the worker (or a page): a cross-origin fetch, a same-origin fetch (the probe itself
 * works), and a WebSocket; and the policy violations reported meanwhile. A plain string, so no
 * transform of this test file can wrap it in helpers the worker lacks.
 */
const PROBE = (target: { url: string; ws: string; own: string }): string => `(async (t) => {
  const violations = [];
  self.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
  let fetchOther;
  try { await fetch(t.url, { mode: 'no-cors' }); fetchOther = 'sent'; } catch (e) { fetchOther = 'blocked: ' + e.name; }
  let fetchOwn;
  try { fetchOwn = (await fetch(t.own)).ok ? 'ok' : 'not ok'; } catch (e) { fetchOwn = 'failed: ' + e.name; }
  const socket = await new Promise((resolve) => {
    try {
      const s = new WebSocket(t.ws);
      s.onopen = () => resolve('open');
      s.onerror = () => resolve('error');
      setTimeout(() => resolve('no answer'), 5000);
    } catch (e) { resolve('blocked: ' + e.name); }
  });
  await new Promise((r) => setTimeout(r, 300));
  return { fetchOther, fetchOwn, socket, violations };
})(${JSON.stringify(target)})`;

interface ProbeResult {
  fetchOther: string;
  fetchOwn: string;
  socket: string;
  violations: string[];
}

describe('journey: the worker cannot reach another origin', () => {
  const previewUrl = inject('previewUrl');
  let listener: Listener;
  let staticHost: { url: string; close(): Promise<void> };
  const sessions: Session[] = [];

  beforeAll(async () => {
    listener = await startListener();
    staticHost = await startStaticHost();
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await staticHost?.close();
    await listener?.close();
  });

  it('control: the same probe, in a page without a policy, does reach the listener', async () => {
    const s = await openSession(staticHost.url, '4-csp-control');
    sessions.push(s);
    await s.page.goto(`${staticHost.url}/control`);
    const result = (await s.page.evaluate(PROBE({ url: listener.url, ws: listener.ws, own: `${staticHost.url}/control` }))) as ProbeResult;
    expect(result.fetchOther).toBe('sent');
    expect(listener.seen.requests).toBeGreaterThanOrEqual(1);
    expect(listener.seen.upgrades).toBe(1);
    listener.reset();
  });

  it('vite preview sends the policy as a header, on the page and on the worker script', async () => {
    const page = await fetch(`${previewUrl}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'", "'wasm-unsafe-eval'"]) {
      expect(policy).toContain(directive);
    }
    const html = await page.text();
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const script = await fetch(`${previewUrl}${entry}`);
    expect(script.headers.get('content-security-policy')).toBe(policy);
  });

  it.each([
    ['vite preview (policy in a header and the meta tag)', () => previewUrl, '4-csp-preview'],
    ['a static host that sends no headers (the meta tag alone)', () => staticHost.url, '4-csp-static'],
  ])('%s: fetch and WebSocket from the worker are blocked, the listener receives nothing', async (_host, base, journey) => {
    const url = base();
    const s = await openSession(url, journey);
    sessions.push(s);
    const { page } = s;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
    // The engine's worker starts with the first file; the engine works under the policy (wasm is
    // fetched and compiled in the worker to measure the backends).
    const workerStarted = page.waitForEvent('worker', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    const worker: Worker = await workerStarted;
    // Started from a blob: script, so that it inherits the page's policy (workerTransport.ts).
    expect(worker.url()).toMatch(/^blob:/);
    await page.getByText(/Train starts on it at once/).waitFor({ timeout: 120_000 });

    listener.reset();
    const result = (await worker.evaluate(PROBE({ url: listener.url, ws: listener.ws, own: `${url}/` }))) as ProbeResult;
    expect(result.fetchOwn).toBe('ok');
    expect(result.fetchOther).toMatch(/^blocked/);
    expect(result.socket).not.toBe('open');
    expect(result.violations).toContain('connect-src');
    expect(listener.seen).toEqual({ connections: 0, requests: 0, upgrades: 0 });
    await s.shot('worker-probed');
    expect(s.errors.filter((e) => !/Content Security Policy|Refused to connect|WebSocket connection/.test(e))).toEqual([]);
  });
});
