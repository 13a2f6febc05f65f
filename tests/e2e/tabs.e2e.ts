/**
 * Journey 6: Sift open in two tabs of one browser. Before, both wrote the same saved workspace:
 * reloading tab A showed tab B's model, and "New" in one wiped the other's saved work. Now the
 * second tab is told Sift is open elsewhere and touches nothing saved until the person takes
 * over there; the first then stops saving and says so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, RESULTS, type Session } from './session';

const PREVIEW = /Preview: the first \d+ rows of sms_spam\.csv/;
const ELSEWHERE = 'Sift is open in another tab.';
const TAKEN_OVER = 'Sift was opened in another tab, which now keeps your work.';

describe('journey: two tabs, one saved workspace', () => {
  let s: Session;
  let b: Page;
  const baseUrl = inject('previewUrl');
  const errorsOfB: string[] = [];

  beforeAll(async () => {
    s = await openSession(baseUrl, '6-two-tabs');
  });
  afterAll(async () => {
    await s?.close();
  });

  const shotOf = async (page: Page, step: string) => {
    const path = `${RESULTS}/6-two-tabs/${String(s.screenshots.length + 1).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path, fullPage: true });
    s.screenshots.push(path);
  };

  it('tells the second tab, keeps the first tab’s work safe, and hands over on request', async () => {
    const a = s.page;
    await a.goto(baseUrl);
    await a.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await a.getByRole('table', { name: PREVIEW }).waitFor({ timeout: 60_000 });
    await a.getByLabel('Epochs').fill('3');
    await shotOf(a, 'tab-a-working');

    // Tab B: told plainly, and it opens nothing of the saved work.
    b = await s.context.newPage();
    b.on('console', (m) => m.type() === 'error' && errorsOfB.push(m.text()));
    b.on('pageerror', (e) => errorsOfB.push(`pageerror: ${e.message}`));
    await b.goto(baseUrl);
    await b.getByText(ELSEWHERE).waitFor({ timeout: 30_000 });
    await b.getByText('No model yet').waitFor();
    expect(await b.getByRole('table', { name: PREVIEW }).count()).toBe(0);
    await shotOf(b, 'tab-b-told-sift-is-open-elsewhere');

    // "New" in tab B clears only tab B: tab A's saved work is still there on reload.
    await b.getByRole('button', { name: 'New', exact: true }).click();
    await b.getByRole('button', { name: 'Clear everything' }).click();
    await a.reload();
    await a.getByRole('table', { name: PREVIEW }).waitFor({ timeout: 60_000 });
    expect(await a.getByLabel('Epochs').inputValue()).toBe('3');
    expect(await a.getByText(ELSEWHERE).count()).toBe(0);

    // Tab B takes over: it opens tab A's saved work; tab A stops saving and says so.
    await b.getByRole('button', { name: 'Use Sift in this tab' }).click();
    await b.getByRole('table', { name: PREVIEW }).waitFor({ timeout: 60_000 });
    expect(await b.getByLabel('Epochs').inputValue()).toBe('3');
    await a.getByText(TAKEN_OVER).waitFor({ timeout: 30_000 });
    expect(await b.getByText(ELSEWHERE).count()).toBe(0);
    await shotOf(a, 'tab-a-taken-over');
    await shotOf(b, 'tab-b-took-over');

    // What tab A does now is not saved: tab B, reloaded, still has its own settings.
    await a.getByLabel('Epochs').fill('9');
    await a.getByLabel('Epochs').blur();
    await b.getByLabel('Epochs').fill('4');
    await b.getByLabel('Epochs').blur();
    await a.waitForTimeout(500);
    await b.reload();
    await b.getByRole('table', { name: PREVIEW }).waitFor({ timeout: 60_000 });
    expect(await b.getByLabel('Epochs').inputValue()).toBe('4');
    await shotOf(b, 'tab-b-reloaded-keeps-its-work');

    expect(s.errors).toEqual([]);
    expect(errorsOfB).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
