/**
 * `npm run bench -- --hostile-only`: every hostile bundle of issue 12 opened by the CLI, by
 * importBundle alone, and by the app in Chromium, with the time each takes to be refused and
 * the peak memory it costs. The bundles are built from a valid one (TREC labels and vocabulary,
 * seeded weights) by the same code the unit tests use, and written to a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { exportBundle } from '../../src/core/bundle/export';
import { HOSTILE_BUNDLES } from '../../tests/helpers/hostileBundles';
import { trecModel } from '../../tests/helpers/testModel';
import { buildApp, startPreview } from '../browser/serve';
import { cliRefusal, inProcessRefusal } from './cli';
import { pageRefusals } from './page';
import type { HostileCaseResult, HostileSection, Refusal } from './types';

export interface HostileBenchOptions {
  /** Also open them in headless Chromium (needs a build of the app). */
  page: boolean;
  /** Build the app first; false reuses dist/ (the browser part may just have built it). */
  build: boolean;
  log(message: string): void;
}

export async function runHostileBench({ page, build, log }: HostileBenchOptions): Promise<HostileSection> {
  await tf.setBackend('cpu');
  // float32: the hostile cases edit weights.bin as float32 values.
  const valid = await exportBundle(trecModel(), { weights: 'float32' });
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-hostile-'));
  try {
    const bundles = [{ id: 'valid', bytes: valid }, ...HOSTILE_BUNDLES.map((h) => ({ id: h.id, bytes: h.build(valid) }))];
    const paths = new Map(bundles.map(({ id, bytes }) => [id, join(dir, `${id}.sift.zip`)]));
    for (const { id, bytes } of bundles) writeFileSync(paths.get(id)!, bytes);

    const node = new Map<string, { cli: Refusal; inProcess: Refusal }>();
    for (const { id } of bundles) {
      const path = paths.get(id)!;
      const cli = await cliRefusal(path);
      const inProcess = await inProcessRefusal(path);
      node.set(id, { cli, inProcess });
      log(`hostile: ${id}: CLI ${cli.errorCode ?? 'opened'} in ${cli.seconds.toFixed(2)} s (peak ${Math.round(cli.peakMiB ?? 0)} MiB); importBundle ${inProcess.seconds.toFixed(3)} s`);
    }

    let pageResults = new Map<string, Refusal>();
    let pageError: string | null = null;
    if (page) {
      try {
        if (build) {
          log('hostile: building the app (vite build)…');
          buildApp();
        }
        const preview = await startPreview();
        try {
          // The valid bundle last: once it is open, the page shows a model.
          const warmUp = HOSTILE_BUNDLES.find((h) => h.id === 'huge-weights')!.build(valid);
          pageResults = await pageRefusals(preview.url, [...bundles.slice(1), bundles[0]], warmUp);
        } finally {
          await preview.stop();
        }
        for (const [id, r] of pageResults) log(`hostile: ${id}: page ${r.errorCode ?? 'opened'} in ${r.seconds.toFixed(2)} s (tab peak ${Math.round(r.peakMiB ?? 0)} MiB)`);
      } catch (error) {
        pageError = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        log(`hostile: page part failed: ${pageError}`);
      }
    } else {
      pageError = 'the page part was not asked for';
    }

    const resultOf = (id: string, fileBytes: number): Omit<HostileCaseResult, 'what' | 'expected'> => ({
      id,
      fileBytes,
      ...node.get(id)!,
      page: pageResults.get(id) ?? null,
    });
    return {
      valid: resultOf('valid', valid.length),
      cases: HOSTILE_BUNDLES.map((h, i) => ({ ...resultOf(h.id, bundles[i + 1].bytes.length), what: h.what, expected: h.code })),
      pageError,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
