import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PREDICT_MODULE } from '@/core/bundle/predictModule.generated';
import { buildPredictModule, generatedModule, GENERATED, MAX_BYTES } from './buildPredictModule';

describe('predict.mjs as committed', () => {
  it('is what src/runtime/predict.ts builds to today (else run: npm run build:runtime)', async () => {
    const source = await buildPredictModule();
    expect(readFileSync(new URL(`../../${GENERATED}`, import.meta.url), 'utf8') === generatedModule(source), 'predict.mjs is stale: run `npm run build:runtime` and commit the result').toBe(true);
  });

  it('is one module with no imports, at most 40 KB, exporting load and loadFromUrl', () => {
    expect(new TextEncoder().encode(PREDICT_MODULE).byteLength).toBeLessThanOrEqual(MAX_BYTES);
    // Minified: any import would read `import{`, `import(`, `import"` or `from"`.
    expect(PREDICT_MODULE).not.toMatch(/\bimport\s*[{("'`*]|\bfrom\s*["'`]|\brequire\s*\(/);
    expect(PREDICT_MODULE).toMatch(/export\s*\{[^}]*\bas load\b[^}]*\bas loadFromUrl\b[^}]*\}\s*;?\s*$/);
  });
});
