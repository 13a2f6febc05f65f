/**
 * Journey 7: the browser's storage misbehaves. Before, an `indexedDB.open()` that never answered
 * left "Restoring your last session…" up forever, a full quota said "could not be saved in this
 * browser ()", and a browser without IndexedDB said nothing while nothing was saved. Each case
 * runs in a fresh browser: the first and last replace IndexedDB before the page's own scripts
 * run; the full quota is Chromium's own (DevTools protocol: Storage.overrideQuotaForOrigin).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './session';

describe('journey: storage that does not work', () => {
  const baseUrl = inject('previewUrl');
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('an open that never answers: "Restoring…" ends within seconds and the page says why', async () => {
    s = await openSession(baseUrl, '7-storage-hangs');
    await s.context.addInitScript(() => {
      // A request that never fires success, error or blocked.
      IDBFactory.prototype.open = function () {
        return {} as IDBOpenDBRequest;
      };
    });
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Restoring your last session…').waitFor();
    await s.shot('restoring');
    const reason = "the browser's storage did not answer within 5 s";
    await page.getByText(`Your previous work could not be restored (${reason}).`).waitFor({ timeout: 15_000 });
    expect(await page.getByText('Restoring your last session…').count()).toBe(0);
    await page.getByText(`This browser is not keeping your work (${reason})`, { exact: false }).waitFor();
    // Still works, without saving: a sample loads.
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    await s.shot('no-answer-said');
    expect(s.errors).toEqual([]);
  });

  it('a full quota names the reason', async () => {
    s = await openSession(baseUrl, '7-storage-full');
    const { page, context } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseUrl).origin, quotaSize: 1000 });
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    const notice = page.getByText(/Your work could not be saved in this browser/);
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toBe("Your work could not be saved in this browser (the browser's storage for this site is full); it stays until you close the page.");
    await s.shot('quota-full-said');
    expect(s.errors).toEqual([]);
  });

  it('no IndexedDB: the page says once that nothing will be kept', async () => {
    s = await openSession(baseUrl, '7-storage-missing');
    await s.context.addInitScript(() => {
      // As a browser that blocks site data does: touching IndexedDB throws.
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const { page } = s;
    await page.goto(baseUrl);
    const notice = page.getByRole('region', { name: 'Where your work is saved' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/This browser is not keeping your work \(the browser does not let this page store data \(site data may be blocked in its settings\): The operation is insecure\.\)/);
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    // Said once: no "could not be saved" after each save on top of it.
    expect(await page.getByText(/could not be saved/).count()).toBe(0);
    await s.shot('no-storage-said');
    expect(s.errors).toEqual([]);
  });
});
