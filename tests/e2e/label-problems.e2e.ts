/**
 * Journey 4: a person loads SMS messages with 5% of their labels flipped (seeded, the flipped rows
 * listed beside the file), trains, finds label problems, relabels one by keyboard, drops one,
 * downloads the corrected CSV, trains again on the corrections, and reloads: nothing lost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';

const DIR = 'tests/fixtures/datasets/sms_spam/';
const FILE = `${DIR}sms_spam_noisy5.csv`;
const FLIPPED = new Set(readFileSync(`${DIR}sms_spam_noisy5_flipped.txt`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
const JOURNEY = '4-label-problems';

describe('journey: train → find label problems → relabel, drop → download the corrected CSV → train again', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds seeded flips, applies the decisions to a copy of the file and to the next model', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await page.getByLabel('Choose a file').setInputFiles(FILE);
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam_noisy5\.csv/ }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Epochs').fill('2');

    // Train a first model.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const outcome = page.locator('.outcome');
    await outcome.waitFor({ timeout: 240_000 });
    expect(await outcome.textContent()).toContain('Trained and validated on 5,574 examples.');

    // Find label problems: a determinate bar, Cancel (the page is as it was), then the full run.
    const evaluate = page.getByRole('region', { name: 'Evaluate' });
    await evaluate.getByRole('button', { name: 'Find label problems' }).click();
    const bar = evaluate.getByRole('progressbar', { name: 'Finding label problems' });
    await bar.waitFor();
    await evaluate.getByRole('button', { name: 'Cancel' }).click();
    await evaluate.getByRole('button', { name: 'Find label problems' }).waitFor({ timeout: 60_000 });
    expect(await evaluate.getByRole('list', { name: 'Possible label problems' }).count()).toBe(0);
    expect(s.errors).toEqual([]);

    await evaluate.getByRole('button', { name: 'Find label problems' }).click();
    await bar.waitFor();
    // Train waits while the search runs, and says why.
    expect(await page.getByRole('button', { name: /^Train/ }).isDisabled()).toBe(true);
    await page.getByText(/Train waits until that has finished or is cancelled/).waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(0);
    await page.getByText(/Fold \d of 5 · \d+% · about .+ left/).waitFor({ timeout: 60_000 });
    await s.shot('finding');
    const list = evaluate.getByRole('list', { name: 'Possible label problems' });
    await list.waitFor({ timeout: 240_000 });
    await s.shot('found');

    // The first page: mostly seeded flips, each item with the row, the labels and three choices.
    const items = list.getByRole('listitem');
    expect(await items.count()).toBe(20);
    const titles = await items.evaluateAll((els) => els.map((el) => el.querySelector('.label-issue__title')?.textContent ?? ''));
    const shown = titles.map((t) => {
      const m = /^Row ([\d,]+): given (\w+), suggested (\w+)$/.exec(t);
      if (!m) throw new Error(`unexpected item title: ${t}`);
      return { row: Number(m[1].replace(/,/g, '')), given: m[2], suggested: m[3] };
    });
    const hits = shown.filter((r) => FLIPPED.has(r.row));
    expect(hits.length).toBeGreaterThanOrEqual(10);
    const summary = (await evaluate.locator('.label-review__summary').textContent()) ?? '';
    expect(summary).toMatch(/^[\d,]+ of 5,574 rows may be mislabelled \(5 folds, .+\)\. 0 decided, [\d,]+ left\.$/);

    // Relabel one by keyboard: focus its button, Enter; focus moves on to its Undo.
    const [relabel, drop] = hits;
    const itemOf = (row: number) => items.filter({ hasText: new RegExp(`^Row ${row.toLocaleString('en-US')}:`) });
    await itemOf(relabel.row).getByRole('button', { name: /^Relabel/ }).focus();
    await page.keyboard.press('Enter');
    await itemOf(relabel.row).getByText(`Relabelled as ${relabel.suggested}`).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await itemOf(drop.row).getByRole('button', { name: 'Drop row' }).click();
    await itemOf(drop.row).getByText('Dropped').waitFor();
    // A third decision, undone again.
    const other = shown.find((r) => r.row !== relabel.row && r.row !== drop.row);
    if (!other) throw new Error('fewer than three items');
    await itemOf(other.row).getByRole('button', { name: 'Keep as is' }).click();
    await itemOf(other.row).getByRole('button', { name: 'Undo' }).click();
    await itemOf(other.row).getByRole('button', { name: 'Keep as is' }).waitFor();
    expect(await evaluate.locator('.label-review__summary').textContent()).toMatch(/ 2 decided, [\d,]+ left\.$/);
    await page.getByRole('region', { name: 'Data' }).getByText('1 row relabelled, 1 dropped').waitFor();
    await s.shot('decided');

    // Download the corrected CSV: the relabelled row's label changed, the dropped row gone, every other byte the same.
    const [download] = await Promise.all([page.waitForEvent('download'), evaluate.getByRole('button', { name: 'Download corrected CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('sms_spam_noisy5.corrected.csv');
    const saved = join(RESULTS, JOURNEY, 'sms_spam_noisy5.corrected.csv');
    await download.saveAs(saved);
    // Every record of this file is one CRLF line; row N is line N after the header.
    const lines = readFileSync(FILE, 'utf8').split('\n');
    const expected = lines.flatMap((line, i) => {
      if (i === drop.row) return [];
      if (i === relabel.row) return [line.replace(new RegExp(`,${relabel.given}\\r$`), `,${relabel.suggested}\r`)];
      return [line];
    });
    expect(expected[relabel.row]).not.toBe(lines[relabel.row]);
    expect(readFileSync(saved, 'utf8')).toBe(expected.join('\n'));
    await evaluate.getByText(/sms_spam_noisy5\.corrected\.csv: 1 row relabelled, 1 dropped, in UTF-8, as the original\./).waitFor();

    // Train again: the new model learns from the corrected rows.
    await page.getByRole('button', { name: 'Train again' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await outcome.waitFor({ timeout: 240_000 });
    expect(await outcome.textContent()).toContain('Trained and validated on 5,573 examples.');
    await page.getByRole('region', { name: 'Data' }).getByText('1 row relabelled, 1 dropped').waitFor();
    await s.shot('trained-again');

    // A reload keeps the findings and the decisions with the dataset.
    await page.reload();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam_noisy5\.csv/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Data' }).getByText('1 row relabelled, 1 dropped').waitFor({ timeout: 30_000 });
    await itemOf(relabel.row).getByText(`Relabelled as ${relabel.suggested}`).waitFor({ timeout: 30_000 });
    await s.shot('reloaded');

    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
