import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The policy is written in index.html; vite.config.ts and README repeat it with frame-ancestors. */
describe('Content-Security-Policy', () => {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('index.html'))?.[1] ?? '';

  it('forbids everything a page that sends nothing needs not', () => {
    const directives = new Map(meta.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'worker-src': "'self' blob:",
      'img-src': "'self' data: blob:",
      'style-src': "'self' 'unsafe-inline'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });

  it('README gives static hosts the same policy as a header, with frame-ancestors', () => {
    const header = /^Content-Security-Policy: (.+)$/m.exec(read('README.md'))?.[1];
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
  });
});
