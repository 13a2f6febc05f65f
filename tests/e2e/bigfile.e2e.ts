/**
 * Journey 11-big-file (issue 11): a big file. On 20 Newsgroups (20 MB, from ../shared/datasets; skipped
 * where that folder is missing) preparing the texts takes seconds: the page shows a real bar
 * that moves, with what it is doing, not an indeterminate one.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';

const JOURNEY = '11-big-file';
const FILE = '../shared/datasets/20newsgroups/20ng_train.csv';

describe.skipIf(!existsSync(FILE))('journey: preparing 20 Newsgroups shows how far it is', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('moves a determinate bar through preparing, then trains', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await page.getByLabel('Choose a file').setInputFiles(FILE);
    await page.getByRole('table', { name: /Preview: the first \d+ rows of 20ng_train\.csv/ }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // The bar's values while preparing, read every 250 ms (cheap CSS queries, no role walk).
    const seen: { value: string | null; line: string }[] = [];
    const started = Date.now();
    while (Date.now() - started < 180_000) {
      const sample = await page.evaluate(() => ({
        value: document.querySelector('progress[aria-label="Preparing the data"]')?.getAttribute('value') ?? null,
        line: document.querySelector('.train-progress__line')?.textContent ?? '',
      }));
      if (sample.value !== null) seen.push(sample);
      if (seen.length === 3) await s.shot('preparing-bar');
      if (/^Epoch \d/.test(sample.line)) break;
      await page.waitForTimeout(250);
    }
    writeFileSync(join(RESULTS, JOURNEY, 'preparing.json'), JSON.stringify(seen, null, 1));
    const values = seen.map((x) => Number(x.value));
    expect(values.length).toBeGreaterThan(3);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBeGreaterThan(2);
    expect(seen[0].line).toMatch(/^Preparing the data: reading the training texts into a vocabulary, \d+% · /);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('.outcome', { timeout: 240_000 });
    await s.shot('stopped');
    expect(s.errors).toEqual([]);
  });
});
