import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering STYLE.md asks for (ui → state → worker/core, cli → core, core → nothing of Sift's),
 * checked on every run: what ESLint's import/no-restricted-paths would do, without ESLint.
 */
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|\.testutil\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const LAYERS: { layer: string; mayNotImport: RegExp }[] = [
  { layer: 'core', mayNotImport: /^@\/(?!core\/)|^react|^zustand|^\.\.\/\.\.\/(?!core)/ },
  { layer: 'worker', mayNotImport: /^@\/(state|ui|app|cli)\/|^react|^zustand/ },
  { layer: 'state', mayNotImport: /^@\/(ui|app|cli)\/|^react-dom/ },
  { layer: 'cli', mayNotImport: /^@\/(state|ui|app|worker)\/|^react/ },
];

describe('architecture', () => {
  it.each(LAYERS)('$layer imports only what lies below it', ({ layer, mayNotImport }) => {
    const files = sourceFiles(join(SRC, layer));
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => mayNotImport.test(spec))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('core uses no browser, worker or Node globals', () => {
    const offending = sourceFiles(join(SRC, 'core')).flatMap((file) => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      return [/\bwindow\./, /\bdocument\./, /\bself\./, /\bprocess\./, /\bimportScripts\b/, /\bpostMessage\b/, /from 'node:/]
        .filter((pattern) => pattern.test(code))
        .map((pattern) => `${relative(SRC, file)} uses ${pattern.source}`);
    });
    expect(offending).toEqual([]);
  });
});
