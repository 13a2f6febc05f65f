/**
 * Journey 11-runs (issue 11): a person goes through the steps by keyboard alone, trains twice with
 * different settings and compares the runs, goes back to the first, loads another file (the old
 * model's views go, its runs stay), and reloads mid-training to find the best model so far kept.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';
import { exportDownload } from './exportDownload';

const JOURNEY = '11-runs';

/** The focused element, as a person using a screen reader would hear it (tag, id, its text or label). */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), className: el?.className ?? '' };
  });
}

/** Presses Tab until the focused element's label or text matches (as a keyboard user looks for it). */
async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (name.test(el.text) || (el.id && name.test(await page.evaluate((id) => document.querySelector(`label[for="${id}"]`)?.textContent ?? '', el.id)))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Runs saved in the page's IndexedDB ('sift' / 'workspace', keys run:ID), read as the page left them. */
function savedRuns(page: Page): Promise<{ status: string; epochs: number; model: { epoch: number } | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sift');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('workspace', 'readonly');
          const all = tx.objectStore('workspace').getAll(IDBKeyRange.bound('run:', 'run:\uffff'));
          all.onsuccess = () => {
            resolve((all.result as { status: string; history: unknown[]; model: { epoch: number } | null }[]).map((r) => ({ status: r.status, epochs: r.history.length, model: r.model })));
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

describe('journey: keyboard → two runs → compare → use → another file → reload mid-training', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY);
  });
  afterAll(async () => {
    writeFileSync(join(RESULTS, JOURNEY, 'figures.json'), JSON.stringify(figures, null, 2));
    await s?.close();
  });

  it('walks Data → Settings → Train → Try by keyboard, focus following each action', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    const steps = page.getByRole('navigation', { name: 'Steps' });
    expect(await steps.locator('[aria-current="step"]').textContent()).toBe('Data');

    await tabTo(page, /^Try a sample: SMS spam/);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    // Focus lands on the data summary's heading, never on <body>.
    await expect.poll(async () => (await focused(page)).id, { timeout: 10_000 }).toBe('data-summary-heading');
    expect(await steps.locator('[aria-current="step"]').textContent()).toBe('Settings');
    expect(await steps.getByRole('link', { name: /Data \(done\)/ }).count()).toBe(1);
    await steps.getByRole('link', { name: 'Check the settings, then press Train' }).waitFor();
    await s.shot('keyboard-sample-loaded');

    await tabTo(page, /^Epochs/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await tabTo(page, /^Train$/);
    await page.keyboard.press('Enter');
    // Train became Stop: focus went with it.
    await expect.poll(async () => (await focused(page)).text, { timeout: 30_000 }).toMatch(/^(Stop|Stopping…)$/);
    const line = page.locator('.train-progress__line');
    await page.waitForSelector('.train-progress__line strong', { timeout: 120_000 });
    figures.progressLine = (await line.textContent())?.replace(/\s+/g, ' ');
    await page.waitForSelector('.outcome', { timeout: 240_000 });
    // Stop became the outcome: focus went there.
    expect((await focused(page)).className).toBe('outcome');
    figures.outcome1 = await page.locator('.outcome').textContent();
    expect(figures.outcome1).toMatch(/You waited \d+ s|You waited under a second/);
    expect(await steps.locator('[aria-current="step"]').textContent()).toBe('Evaluate');
    // The waited time lists its parts on keyboard focus.
    await page.keyboard.press('Tab');
    await page.locator('.outcome .waited__parts').waitFor();
    expect(await page.locator('.outcome .waited__parts').textContent()).toMatch(/preparing the data: .*; measuring which way is fastest: .*; training and saving: /);
    await s.shot('keyboard-trained-focus-on-outcome');

    await tabTo(page, /^Text to classify/, 200);
    await page.keyboard.type('WINNER!! You have won a prize, call now to claim');
    const predicted = page.getByRole('status', { name: 'Predicted class' });
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('spam');
    expect(await steps.locator('[aria-current="step"]').textContent()).toBe('Try');
  });

  it('shows the run honestly: axis to the epochs run, the backend once in plain words, jargon under Details', async () => {
    const { page } = s;
    const epochsRun = (await page.getByRole('table', { name: 'Loss by epoch', exact: true }).getByRole('row').count()) - 1;
    expect(epochsRun).toBeGreaterThanOrEqual(1);
    expect(epochsRun).toBeLessThanOrEqual(3);
    const train = page.getByRole('region', { name: 'Train' });
    expect(await train.locator('.backend-facts').count()).toBe(1);
    expect(await train.locator('.backend-choice').count()).toBe(0);
    const facts = train.locator('.backend-facts');
    expect(await facts.locator('p').first().textContent()).toMatch(/^Trained on the (processor|graphics processor)/);
    expect(await facts.locator('details').getAttribute('open')).toBeNull();
    await facts.getByText('Details').click();
    await expect.poll(() => facts.locator('details').textContent()).toMatch(/row-wise Adagrad: every word gets its own step size/);
    await s.shot('run-1-details');
  });

  it('trains again with other settings and compares the two runs', async () => {
    const { page } = s;
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Embedding size').fill('16');
    await page.getByRole('button', { name: 'Train again' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.outcome') !== null, undefined, { polling: 500, timeout: 240_000 });
    const runs = page.getByRole('region', { name: 'Runs' });
    await runs.getByRole('row', { name: /Run 2/ }).waitFor();
    expect(await runs.getByRole('row').count()).toBe(3);
    await runs.getByRole('checkbox', { name: 'Compare Run 1' }).check();
    await runs.getByRole('checkbox', { name: 'Compare Run 2' }).check();
    const compare = page.getByRole('region', { name: 'Run 1 and Run 2 side by side' });
    await compare.waitFor();
    const settings = compare.getByRole('table', { name: /Settings of Run 1 and Run 2: 1 differs/ });
    expect(await settings.getByRole('row', { name: /Embedding size differs 64 16/ }).count()).toBe(1);
    const f1 = compare.getByRole('table', { name: /F1 per class/ });
    expect(await f1.getByRole('row').count()).toBe(3);
    expect(await compare.getByRole('table', { name: 'Loss by epoch, run 1 and run 2' }).count()).toBe(1);
    await compare.scrollIntoViewIfNeeded();
    await s.shot('two-runs-compared');

    // Back to run 1: the Try box and Export use its model.
    await runs.getByRole('button', { name: 'Use Run 1' }).click();
    await runs.getByRole('button', { name: 'Run 1 is the current model' }).waitFor();
    await page.getByText(/Model sms_spam · 2 classes/).waitFor();
    const download = await exportDownload(page);
    expect(download.suggestedFilename()).toBe('sms_spam.sift.zip');
    figures.storageLine = await runs.locator('.runs__storage').textContent();
    expect(figures.storageLine).toMatch(/Models of runs take \d+(\.\d)? MB of this browser’s storage/);
  });

  it('loading another file clears the old model’s views; the runs stay, marked with their file', async () => {
    const { page } = s;
    await page.getByText('Samples', { exact: true }).click();
    await page.getByRole('button', { name: 'Try a sample: News titles (Chinese)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of thucnews_titles\.csv/ }).waitFor({ timeout: 60_000 });
    await page.getByText('No model yet').waitFor();
    await page.getByRole('region', { name: 'Evaluate' }).getByText('Train a model (or open one) to see how well it does.').waitFor();
    await page.getByRole('region', { name: 'Try it' }).getByText('Train a model (or open one) to try it.').waitFor();
    // The charts redraw in a deferred render: only the header row of their tables is left.
    await expect.poll(() => page.getByRole('table', { name: 'Loss by epoch', exact: true }).getByRole('row').count()).toBe(1);
    const runs = page.getByRole('region', { name: 'Runs' });
    expect(await runs.getByRole('row', { name: /sms_spam\.csv \(not the file loaded now\)/ }).count()).toBe(2);
    await s.shot('other-file-views-cleared');
  });

  it('a reload mid-training warns first, then reports the interrupted run and keeps its best model', async () => {
    const { page } = s;
    await page.getByLabel('Epochs').fill('200');
    await page.getByLabel('Early-stopping patience').fill('0');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    // Until a checkpoint is in IndexedDB and a later epoch is under way.
    await expect.poll(async () => (await savedRuns(page)).some((r) => r.status === 'training' && r.model !== null && r.epochs >= 2), { timeout: 180_000, interval: 500 }).toBe(true);
    const checkpoints = await page.evaluate(() => performance.getEntriesByName('sift:checkpoint').map((e) => (e as PerformanceMark).detail as { epoch: number; exportMs: number; bytes: number }));
    figures.checkpoints = checkpoints;
    await s.shot('training-before-reload');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    const notice = page.getByText(/Training was interrupted at epoch \d+; the best model so far \(epoch \d+\) was kept and is the current model\./);
    await notice.waitFor({ timeout: 60_000 });
    figures.notice = await notice.textContent();
    await page.getByRole('region', { name: 'Runs' }).getByRole('row', { name: /Run 3 current interrupted/ }).waitFor();
    await page.getByText(/restored from your last visit/).waitFor();
    await page.getByRole('region', { name: 'Evaluate' }).getByText(/This model is epoch \d+ of a run that was interrupted/).waitFor();
    // Restoring moves no focus: the person has not done anything yet.
    expect((await focused(page)).tag).toBe('body');
    await s.shot('interrupted-notice');
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
    console.log('runs journey figures', figures);
  });
});
