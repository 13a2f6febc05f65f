import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIFT_VERSION } from './version';

describe('SIFT_VERSION', () => {
  it('is the version in package.json, so a bundle names the Sift that made it', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(SIFT_VERSION).toBe(pkg.version);
  });
});
