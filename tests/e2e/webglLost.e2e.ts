/**
 * Journey 5: a person trains the SMS sample on WebGL (chosen in Advanced settings) and the
 * worker's WebGL context is lost in epoch 2, as when a GPU is reset. The run must say so, go on
 * on wasm from the weights after epoch 1, and end with real figures (before the fault guard: loss
 * 0.6931 for every later epoch and 86.6% validation accuracy, every text "ham").
 *
 * How the test reaches the worker's context: tfjs is bundled inside the worker's module, so
 * nothing in its global scope leads to the context, and Sift has no debug hook for it. The test
 * wraps a few methods of WebGL2RenderingContext.prototype (and WebGL 1's) in the worker's global
 * scope through Playwright's `worker.evaluate`: the next call tfjs makes on its context records
 * the context, whenever the context was created, and the test then loses it through the
 * WEBGL_lose_context extension, as a GPU reset would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';
import { exportDownload } from './exportDownload';

const JOURNEY = '5-webgl-lost';

/** Runs in the worker: records every WebGL context the worker's code calls into. */
function recordWebglContexts(): void {
  const scope = self as unknown as { __siftTestContexts?: Set<WebGLRenderingContext | WebGL2RenderingContext> };
  if (scope.__siftTestContexts) return;
  const seen = (scope.__siftTestContexts = new Set());
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype] as unknown as Record<string, (...args: unknown[]) => unknown>[]) {
    for (const name of ['useProgram', 'bindFramebuffer', 'bindTexture', 'drawElements', 'readPixels']) {
      const original = proto[name];
      proto[name] = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        seen.add(this);
        return original.apply(this, args);
      };
    }
  }
}

/** Runs in the worker: loses every recorded context; answers how many. */
function loseRecordedContexts(): number {
  const scope = self as unknown as { __siftTestContexts?: Set<WebGL2RenderingContext> };
  let lost = 0;
  for (const gl of scope.__siftTestContexts ?? []) {
    const extension = gl.getExtension('WEBGL_lose_context');
    if (extension && !gl.isContextLost()) {
      extension.loseContext();
      lost++;
    }
  }
  return lost;
}

describe('journey: WebGL lost while training', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('says so, continues on wasm from the last good epoch and ends with real figures', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();

    // The engine's worker starts with the first file.
    const started: Promise<Worker> = page.waitForEvent('worker');
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    const worker = await started;
    await worker.evaluate(recordWebglContexts);
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });

    await page.getByLabel('Epochs').fill('4');
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Early-stopping patience').fill('0');
    await page.getByLabel('Backend').selectOption('webgl');
    await s.shot('webgl-chosen');

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // Lose the context as soon as epoch 1 is in the table: epoch 2 is then under way on WebGL.
    const lossTable = page.getByRole('table', { name: 'Loss by epoch' });
    await expect.poll(() => lossTable.getByRole('row').count(), { timeout: 180_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    expect(await worker.evaluate(loseRecordedContexts)).toBeGreaterThan(0);

    // The run says what happened, in the Train panel, and goes on.
    const notice = page.getByRole('note').filter({ hasText: 'WebGL stopped working' });
    await notice.waitFor({ timeout: 60_000 });
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText).toMatch(/WebGL stopped working in epoch 2 \(.+\)\. Sift went back to the weights after epoch 1, the last one WebGL finished well, and continues on wasm/);
    await s.shot('webgl-lost-notice');

    await page.waitForFunction(() => document.querySelector('.outcome, [role="alert"]') !== null, undefined, { polling: 500, timeout: 240_000 });
    await page.getByRole('button', { name: /Train again/ }).waitFor();
    expect(await page.locator('.run-facts').textContent()).toMatch(/wasm/);
    // One coherent history: epoch 1 from WebGL, epochs 2–4 on wasm.
    const lossRows = await lossTable.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)));
    expect(lossRows.map((cells) => cells[0])).toEqual(['1', '2', '3', '4']);
    // Nothing stuck at equal odds (ln 2 = 0.6931) after the loss.
    expect(lossRows.flat().join(' ')).not.toMatch(/0\.693/);
    await s.shot('trained-after-loss');

    const evaluate = page.getByRole('region', { name: 'Evaluate' });
    const accuracyText = (await evaluate.locator('.stat', { has: page.locator('dt', { hasText: /^Accuracy$/ }) }).locator('dd').textContent()) ?? '';
    const accuracy = Number.parseFloat(accuracyText) / 100;
    expect(accuracy).toBeGreaterThan(0.95);
    await evaluate.scrollIntoViewIfNeeded();
    await s.shot('evaluated');

    // The exported model records the real figures and the whole history.
    const download = await exportDownload(page);
    const bundlePath = join(RESULTS, JOURNEY, 'sms_spam.sift.zip');
    await download.saveAs(bundlePath);
    const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(bundlePath)))['sift.json'])) as {
      metrics: { validation: { accuracy: number; macroF1: number } };
      training: { history: { epoch: number }[]; backend: string };
    };
    expect(manifest.metrics.validation.accuracy).toBeGreaterThan(0.95);
    expect(manifest.metrics.validation.macroF1).toBeGreaterThan(0.9);
    expect(manifest.training.history.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(manifest.training.backend).toBe('wasm');
    console.log('webgl lost journey:', { noticeText, accuracy, macroF1: manifest.metrics.validation.macroF1 });

    // Training again on WebGL starts it afresh, on a new context (the lost one is dropped).
    await page.getByRole('button', { name: /Train again/ }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByRole('button', { name: /Train again/ }).waitFor({ timeout: 240_000 });
    // The run's facts say the backend under Details ("Backend: webgl."), after the plain sentence.
    expect(await page.locator('.run-facts').first().textContent()).toMatch(/Trained on the graphics processor[\s\S]*Backend: webgl\./);
    expect(await page.getByRole('note').filter({ hasText: 'WebGL stopped working' }).count()).toBe(0);
    await s.shot('trained-again-on-webgl');

    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
