/**
 * Journey 1: a person tries the SMS sample, trains two epochs, opens the texts behind the
 * confusion matrix by keyboard and one's explanation, tries the model (its words highlighted),
 * takes it home, reloads (nothing lost), starts over and opens the exported model again.
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
    await evaluate.getByRole('heading', { name: 'How sure it should be' }).waitFor();
    await evaluate.getByRole('list', { name: 'Words that push toward spam' }).waitFor();
    await s.shot('evaluated');

    // Every error visible: each cell of the matrix is a button named by its classes and count.
    const cells = evaluate.getByRole('button', { name: /^true (ham|spam), predicted (ham|spam): [\d,]+ texts?$/ });
    const names = await cells.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    expect(names).toHaveLength(4);
    // The mistakes cell with the most texts (spam → spam if the model made none), opened by keyboard.
    const count = (name: string) => Number(/: ([\d,]+) texts?$/.exec(name)?.[1].replace(/,/g, '') ?? 0);
    const [wrongest] = names.filter((n) => /ham, predicted spam|spam, predicted ham/.test(n)).sort((a, b) => count(b) - count(a));
    const chosen = wrongest !== undefined && count(wrongest) > 0 ? wrongest : names.find((n) => n.startsWith('true spam, predicted spam'))!;
    await evaluate.getByRole('button', { name: chosen, exact: true }).focus();
    await page.keyboard.press('Enter');
    const listName = chosen.replace(/: [\d,]+ texts?$/, '');
    const texts = evaluate.getByRole('list', { name: listName, exact: true });
    await texts.waitFor({ timeout: 30_000 });
    // Focus moved to the list's heading; the texts are there, each with both probabilities and its row.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    const items = texts.locator(':scope > li');
    expect(await items.count()).toBe(Math.min(50, count(chosen)));
    await expect.poll(() => items.first().textContent()).toMatch(/Row [\d,]+.*\d+\.\d%/s);
    // Its word explanation, by keyboard too.
    await items.first().getByRole('button', { name: /^Why / }).focus();
    await page.keyboard.press('Enter');
    await items.first().getByRole('list', { name: /^Pushed (toward|away from) / }).first().waitFor({ timeout: 30_000 });
    await s.shot('cell-texts');
    // Every mistake at once, the same list shape.
    await evaluate.getByRole('button', { name: /^Most confident mistakes/ }).click();
    const mistakes = evaluate.getByRole('list', { name: 'Most confident mistakes', exact: true });
    await mistakes.or(evaluate.getByText('No texts here.')).first().waitFor({ timeout: 30_000 });
    await s.shot('mistakes');
    // Closing gives the keyboard back to what opened the list.
    await evaluate.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Most confident mistakes/);

    // Try it.
    const predicted = page.getByRole('status', { name: 'Predicted class' });
    await page.getByLabel('Text to classify').fill(SPAM);
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('spam');
    const tryRegion = page.getByRole('region', { name: 'Try it' });
    await tryRegion.getByRole('list', { name: /Pushed (toward|away from) spam/ }).first().waitFor();
    // The text itself, word by word: each highlighted word says its push; the coverage line counts the known words.
    await tryRegion.getByText(/^\d+ of 10 words are known to the model\.$/).waitFor();
    const pushes = await tryRegion.locator('.highlighted .word .visually-hidden').allTextContents();
    expect(pushes.some((p) => /^ \(pushed toward spam, (strong|moderate|weak)\)$/.test(p))).toBe(true);
    expect(await tryRegion.locator('.highlighted').textContent()).toContain('WINNER');
    // The worker says how long it took; the bench reads the same figure (bench/browser/inference.ts).
    await page.getByText(/answered in \d+(\.\d+)? ms on this device/).waitFor({ timeout: 10_000 });
    await s.shot('try');

    // Take it home: each weight format with its size and its accuracy as loaded back, then the download.
    await page.getByRole('button', { name: 'Export' }).click();
    const exportDialog = page.getByRole('dialog', { name: /^Export / });
    const formats = exportDialog.getByRole('group', { name: 'How the file stores the weights' });
    await formats.waitFor({ timeout: 120_000 });
    for (const format of ['float32', 'float16', 'uint8']) {
      await formats.getByRole('radio', { name: new RegExp(`^${format}: .* · [\\d.]+ (KB|MB) · validation accuracy [\\d.]+% as loaded back`) }).waitFor();
    }
    expect(await formats.getByRole('radio', { name: /^uint8: .*\(as trained/ }).isChecked()).toBe(true);
    await s.shot('export-formats');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download' }).click()]);
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
    // An opened model carries no texts: its matrix says so instead of listing nothing.
    await evaluate.getByRole('button', { name: /^true spam, predicted spam: / }).click();
    await evaluate.getByText(/This model was opened from a file, and a model file carries no texts/).waitFor({ timeout: 30_000 });
    // Nothing known: the answer is shown plainly as a guess.
    await page.getByLabel('Text to classify').fill('asdf qwer zxcv');
    await tryRegion.getByText("None of these words appear in the training data: this is the model's default answer.").waitFor({ timeout: 30_000 });
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
