/**
 * Journey 11-many-classes (issue 11): TREC with its 50 fine classes, on a 390 px phone first (the
 * page never scrolls sideways, after each step) and then at 1280 px: the per-class table sorts by
 * F1, the confusion matrix scrolls inside its card with its headings in view and each cell's
 * classes in full on focus, the most confused pairs open their texts, and the Try box shows the top
 * 5 classes and "others".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';

const JOURNEY = '11-many-classes';
const FILE = join(process.cwd(), 'tests/fixtures/datasets/trec/trec_train_fine.csv');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Where an element is, in the window's coordinates. */
const box = (locator: Locator) => locator.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);

async function noSidewaysScroll(s: Session, step: string, log: Record<string, unknown>): Promise<void> {
  const width = await s.scrollsSideways();
  log[step] = width;
  expect(width.sideways, `${step}: the page is ${width.scrollWidth} px wide in a ${width.clientWidth} px window`).toBe(false);
}

/** The F1 column's figures as the table shows them, top to bottom. */
function f1Column(table: Locator): Promise<number[]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[2]?.textContent ?? 'NaN')));
}

async function scrollTo(page: Page, locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
}

describe('journey: 50 classes on a phone and on a desktop', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY, PHONE);
  });
  afterAll(async () => {
    writeFileSync(join(RESULTS, JOURNEY, 'figures.json'), JSON.stringify(figures, null, 2));
    await s?.close();
  });

  it('never scrolls sideways at 390 px, from an empty page to a trained 50-class model', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await noSidewaysScroll(s, 'empty', figures);
    await s.shot('phone-empty');

    await page.getByLabel('Choose a file').setInputFiles(FILE);
    await page.getByRole('table', { name: /Preview: the first \d+ rows of trec_train_fine\.csv/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('list', { name: 'Examples per class' }).getByRole('listitem').count()).toBe(40);
    await noSidewaysScroll(s, 'loaded', figures);
    await s.shot('phone-loaded');

    await page.getByLabel('Epochs').fill('6');
    await page.getByText('Advanced settings').click();
    await noSidewaysScroll(s, 'settings', figures);

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.waitForSelector('.train-progress__line strong', { timeout: 120_000 });
    await noSidewaysScroll(s, 'training', figures);
    await page.locator('.outcome').waitFor({ timeout: 240_000 });
    await noSidewaysScroll(s, 'trained', figures);
    await s.shot('phone-trained');

    const evaluate = page.getByRole('region', { name: 'Evaluate' });
    const matrix = evaluate.getByRole('table', { name: /Validation confusion matrix/ });
    await matrix.waitFor();
    expect(await matrix.locator('thead th').count()).toBe(51);
    await scrollTo(page, matrix);
    await noSidewaysScroll(s, 'evaluated', figures);
    // The matrix is wider than the phone: it scrolls inside its card, not the page.
    const scroller = evaluate.locator('.confusion__scroll');
    const inner = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
    figures.phoneMatrix = inner;
    expect(inner.scrollWidth).toBeGreaterThan(inner.clientWidth);
    await s.shot('phone-evaluated');

    // A pair opens its texts; the list of texts fits the phone too.
    const pairs = evaluate.getByRole('region', { name: 'Most confused pairs' });
    const firstPair = pairs.getByRole('button').first();
    await firstPair.click();
    await evaluate.getByRole('heading', { name: /^True .+, predicted .+: \d+ texts?$/ }).waitFor({ timeout: 30_000 });
    await noSidewaysScroll(s, 'texts of a pair', figures);
    await s.shot('phone-pair-texts');
    await evaluate.getByRole('button', { name: 'Close', exact: true }).click();

    const input = page.getByLabel('Text to classify');
    await input.fill('How far is it from Denver to Aspen ?');
    const bars = page.getByRole('list', { name: 'Probability of each class' });
    await expect.poll(() => bars.getByRole('listitem').count(), { timeout: 30_000 }).toBe(6);
    await scrollTo(page, bars);
    await noSidewaysScroll(s, 'try', figures);
    await s.shot('phone-try');
    expect(s.errors).toEqual([]);
  });

  it('is readable at 1280 px: sorted per-class table, a matrix that scrolls in its card, the most confused pairs', async () => {
    const { page } = s;
    await page.setViewportSize(DESKTOP);
    const evaluate = page.getByRole('region', { name: 'Evaluate' });
    await noSidewaysScroll(s, 'desktop evaluated', figures);

    // The per-class table sorts by F1, worst first, and says so (aria-sort).
    const table = evaluate.getByRole('table', { name: /precision, recall and F1 per class/ });
    expect(await table.locator('tbody tr').count()).toBe(50);
    const f1 = table.getByRole('columnheader', { name: /^F1/ });
    await f1.getByRole('button').click();
    expect(await f1.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await f1Column(table);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await f1.getByRole('button').click();
    expect(await f1.getAttribute('aria-sort')).toBe('descending');
    const descending = await f1Column(table);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(await table.locator('th[aria-sort]').count()).toBe(1);
    await scrollTo(page, table);
    await s.shot('desktop-sorted-table');

    // The matrix scrolls inside its card; its column headings stay in view while it scrolls.
    const scroller = evaluate.locator('.confusion__scroll');
    await scrollTo(page, scroller);
    const head = evaluate.locator('.confusion__grid thead th').nth(10);
    const scrollerBox = await box(scroller);
    const before = await box(head);
    await scroller.evaluate((el) => el.scrollTo({ top: 400, left: 300 }));
    const after = await box(head);
    const rowHead = await box(evaluate.locator('.confusion__grid tbody th').nth(20));
    figures.stickyHeadings = { scroller: scrollerBox.top, headingBefore: before.top, headingAfter: after.top, rowHeadingLeft: rowHead.left, scrollerLeft: scrollerBox.left };
    // Scrolled 400 px down and 300 px right, the headings are still at the card's top and left edges.
    expect(after.top - scrollerBox.top).toBeGreaterThanOrEqual(0);
    expect(after.top - scrollerBox.top).toBeLessThan(4);
    expect(rowHead.left - scrollerBox.left).toBeGreaterThanOrEqual(0);
    expect(rowHead.left - scrollerBox.left).toBeLessThan(4);

    // Full names: each heading carries its whole name, and the cell with focus reads out its classes in full.
    expect(await head.getAttribute('title')).toMatch(/^[A-Z]+:\w+$/);
    const cell = evaluate.getByRole('button', { name: /^true .+, predicted .+: \d+ texts?$/ }).nth(137);
    const name = (await cell.getAttribute('aria-label')) ?? '';
    await cell.focus();
    await expect.poll(() => evaluate.locator('.confusion__readout').textContent()).toBe(name);
    await s.shot('desktop-matrix-focused');

    // The most confused pairs: most texts first; each opens the texts of its cell, and Close comes back to it.
    const pairs = evaluate.getByRole('region', { name: 'Most confused pairs' });
    const pairNames = await pairs.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    figures.pairs = pairNames;
    expect(pairNames.length).toBeGreaterThan(3);
    const counts = pairNames.map((n) => Number(/: (\d+) texts?$/.exec(n)?.[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const second = pairs.getByRole('button').nth(1);
    const [, trueLabel, predictedLabel, count] = /^(.+) taken for (.+): (\d+) texts?$/.exec(pairNames[1]) ?? [];
    await second.click();
    const heading = evaluate.getByRole('heading', { name: `True ${trueLabel}, predicted ${predictedLabel}: ${count} ${count === '1' ? 'text' : 'texts'}` });
    await heading.waitFor({ timeout: 30_000 });
    // The same list as the cell: the cell says it is open too.
    expect(await evaluate.getByRole('button', { name: `true ${trueLabel}, predicted ${predictedLabel}: ${count} ${count === '1' ? 'text' : 'texts'}`, exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await evaluate.getByRole('list', { name: `true ${trueLabel}, predicted ${predictedLabel}`, exact: true }).getByRole('listitem').count()).toBe(Number(count));
    await s.shot('desktop-pair-texts');
    await evaluate.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);

    // The Try box: the top 5 classes and "others", and every class on request.
    const bars = page.getByRole('list', { name: 'Probability of each class' });
    expect(await bars.getByRole('listitem').count()).toBe(6);
    expect(await bars.getByRole('listitem').last().textContent()).toMatch(/^the other 45 classes/);
    await page.getByRole('button', { name: 'Show all 50 classes' }).click();
    expect(await bars.getByRole('listitem').count()).toBe(50);
    await page.getByRole('button', { name: 'Show the top 5' }).click();
    expect(await bars.getByRole('listitem').count()).toBe(6);
    await scrollTo(page, bars);
    await s.shot('desktop-try');
    await noSidewaysScroll(s, 'desktop try', figures);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
