import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering STYLE.md asks for (ui → state → worker/core, cli → core, core → nothing of Sift's),
 * checked on every run: what ESLint's import/no-restricted-paths would do, without ESLint.
 */
const SRC = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A file's import specifiers, relative ones rewritten as '@/…' so one rule covers both spellings. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => {
    const spec = m[1];
    return spec.startsWith('.') ? `@/${relative(SRC, join(dirname(file), spec))}` : spec;
  });
}

const LAYERS: { layer: string; mayNotImport: RegExp }[] = [
  { layer: 'core', mayNotImport: /^@\/(?!core\/)|^react|^zustand/ },
  { layer: 'worker', mayNotImport: /^@\/(state|ui|app|cli)\/|^react|^zustand/ },
  { layer: 'state', mayNotImport: /^@\/(ui|app|cli)\/|^react-dom/ },
  { layer: 'cli', mayNotImport: /^@\/(state|ui|app|worker)\/|^react/ },
  // predict.mjs is built from here: core only (its build script alone uses vite and node:).
  { layer: 'runtime', mayNotImport: /^@\/(?!core\/)|^react|^zustand|^@tensorflow|^fflate/ },
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
    // Code for programs outside Sift, held as text: predict.mjs's page and the model card's lines.
    const textForOtherPrograms = [join(SRC, 'core/bundle/runtimeUsage.ts')];
    const offending = sourceFiles(join(SRC, 'core')).filter((file) => !textForOtherPrograms.includes(file)).flatMap((file) => {
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

/** Modules `entry` loads at run time, transitively (type-only imports load nothing). */
function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const path = spec.startsWith('@/') ? join(SRC, spec.slice(2)) : spec.startsWith('.') ? join(dirname(file), spec) : null;
      if (path === null) seen.add(spec);
      else visit(`${path}.ts`);
    }
  };
  visit(entry);
  return seen;
}

describe('the prediction path', () => {
  it('runs without tfjs: the Try box, sift predict and evaluation need no backend', () => {
    const loaded = [...runtimeClosure(join(SRC, 'core/predictor.ts'))];
    expect(loaded.some((m) => m.endsWith('model/classifier.ts'))).toBe(true);
    expect(loaded.filter((m) => m.startsWith('@tensorflow'))).toEqual([]);
  });

  it('of predict.mjs loads no package at all: the runtime bundles to one file with no imports', () => {
    const loaded = [...runtimeClosure(join(SRC, 'runtime/predict.ts'))];
    expect(loaded.some((m) => m.endsWith('core/predictor.ts'))).toBe(true);
    expect(loaded.filter((m) => !m.startsWith(SRC))).toEqual([]);
  });
});
