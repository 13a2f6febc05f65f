/**
 * Journey 1: a person tries the SMS sample, trains two epochs, tries the model, takes it home,
 * reloads (nothing lost), starts over and opens the exported model again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { openSession, RESULTS, type Session } from './session';

const SPAM = 'WINNER!! You have won a prize, call now to claim';
/** Longest main-thread task allowed while training (see the assertion for why not 50). */
const FROZEN_MS = 300;

describe('journey: sample → train → try → export → reload → new → open', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, '1-sms');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('walks the whole journey without a request leaving the page', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Sift', level: 1 }).waitFor();
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await s.shot('empty-workspace');

    // Load the bundled sample.
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor();
    const classList = page.getByRole('list', { name: 'Examples per class' });
    await expect.poll(() => classList.textContent()).toMatch(/ham.*spam/s);
    await s.shot('sample-loaded');

    // Configure: two epochs.
    await page.getByLabel('Epochs').fill('2');
    await page.getByText('Advanced settings').click();
    await s.shot('configured');

    // While the person looks at the data, the engine measures which backend is fastest here and
    // says which it found: Train then starts on it at once (the run's reason says when it was measured).
    await page.getByText(/Train starts on it at once/).waitFor({ timeout: 120_000 });

    // Train. Playwright injects its helper script into the page's own world on the first
    // waitForFunction (a ~50 ms task of the test, not of Sift): do that before training starts.
    await page.waitForFunction(() => true);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    // Cheap CSS polling while training: role/text queries walk the whole page on the main
    // thread and would show up in the long-task measurement below.
    await page.waitForSelector('.train-progress__line strong', { timeout: 120_000 });
    // A full-page screenshot is itself a long main-thread task: leave its window out.
    const shotFrom = await page.evaluate(() => performance.now());
    await s.shot('training');
    const shotTo = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => document.querySelector('.outcome, [role="alert"]') !== null, undefined, { polling: 500, timeout: 240_000 });
    await page.getByRole('button', { name: /Train again/ }).waitFor();
    for (const name of ['Loss by epoch', 'Accuracy by epoch']) {
      // Header row + one row per epoch.
      expect(await page.getByRole('table', { name }).getByRole('row').count()).toBe(3);
    }
    const measurements = await page.evaluate(
      ([from, to]) => {
        const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
        const start = mark('sift:train-start');
        const outsideShot = (t: { start: number; duration: number }) => t.start + t.duration < from || t.start > to;
        const tasks = (window as unknown as { __siftLongTasks: { start: number; duration: number }[] }).__siftLongTasks.filter((t) => t.start >= start && outsideShot(t));
        const marks = performance.getEntriesByName('sift:parsed');
        return {
          firstPointMs: Math.round(mark('sift:first-point') - start),
          // Where the wait goes: Train click → backend chosen, and how long after the file was read Train was clicked.
          backendChosenMs: Math.round(mark('sift:backend-chosen') - start),
          parsedToTrainMs: Math.round(start - (marks.at(-1)?.startTime ?? NaN)), longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)), longTasks: tasks.map((t) => [Math.round(t.start - start), t.duration]) };
      },
      [shotFrom, shotTo],
    );
    const backendLine = await page.locator('.run-facts').textContent();
    expect(backendLine).toMatch(/measured on sms_spam\.csv \d+ s before this run/);
    await s.shot('trained');

    // Evaluate.
    const evaluate = page.getByRole('region', { name: 'Evaluate' });
    await evaluate.getByText('Macro-F1', { exact: true }).waitFor();
    expect(await evaluate.getByRole('table', { name: /precision, recall and F1 per class/ }).getByRole('row').count()).toBe(3);
    expect(await evaluate.getByRole('table', { name: /confusion matrix/ }).getByRole('row').count()).toBe(3);
    await evaluate.scrollIntoViewIfNeeded();
    await s.shot('evaluated');

    // Try it.
    const predicted = page.getByRole('status', { name: 'Predicted class' });
    await page.getByLabel('Text to classify').fill(SPAM);
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('spam');
    await page.getByRole('list', { name: /Pushed (toward|away from) spam/ }).first().waitFor();
    // The worker says how long it took; the bench reads the same figure (bench/browser/inference.ts).
    await page.getByText(/answered in \d+(\.\d+)? ms on this device/).waitFor({ timeout: 10_000 });
    await s.shot('try');

    // Take it home.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe('sms_spam.sift.zip');
    const bundlePath = join(RESULTS, '1-sms', 'sms_spam.sift.zip');
    await download.saveAs(bundlePath);
    const unzipped = unzipSync(new Uint8Array(readFileSync(bundlePath)));
    const files = Object.keys(unzipped);
    expect(files).toContain('model.json');
    expect(files).toContain('sift.json');
    expect(files.some((f) => /weights|\.bin$/.test(f))).toBe(true);
    // One engine truth: the page trained what `sift train` trains from the same file (the CLI
    // defaults to wasm; epochs were set here).
    const pageSettings = (JSON.parse(strFromU8(unzipped['sift.json'])) as { settings: Record<string, unknown> }).settings;
    const cli = await runCli(['train', 'public/samples/sms_spam.csv', '--epochs', '2', '--out', join(RESULTS, '1-sms', 'cli.sift.zip'), '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const withoutRunChoices = ({ epochs: _e, backend: _b, ...rest }: Record<string, unknown>) => rest;
    expect(withoutRunChoices(pageSettings)).toEqual(withoutRunChoices(cli.json.settings as Record<string, unknown>));

    // Nothing lost: reload brings the model back.
    await page.reload();
    await page.getByText(/restored from your last visit/).waitFor({ timeout: 60_000 });
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Text to classify').fill(SPAM);
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('spam');
    expect(await page.getByLabel('Epochs').inputValue()).toBe('2');
    await s.shot('reloaded');

    // Start over.
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByRole('dialog', { name: 'Start over?' }).waitFor();
    await page.getByRole('button', { name: 'Clear everything' }).click();
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await page.getByText('No model yet').waitFor();
    await s.shot('cleared');

    // Open the exported model.
    await page.getByLabel('Open model').setInputFiles(bundlePath);
    await page.getByText(/opened from a file/).waitFor({ timeout: 60_000 });
    await page.getByLabel('Text to classify').fill(SPAM);
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('spam');
    await s.shot('opened-bundle');

    writeFileSync(join(RESULTS, '1-sms', 'measurements.json'), JSON.stringify({ ...measurements, backendLine }, null, 2));
    console.log('sms journey measurements', measurements, backendLine);
    // "The page never freezes while training." Sift's own work per task is under ~30 ms of CPU
    // (Chromium trace); on a loaded 2-core machine the scheduler stretches that to 50–100 ms of
    // wall time, so the bound keeps 3x headroom over the worst seen rather than the 50 ms goal.
    expect(measurements.longestTaskMs).toBeLessThan(FROZEN_MS);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
