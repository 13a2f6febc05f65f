/**
 * Journey 7: the browser's storage misbehaves. Before, an `indexedDB.open()` that never answered
 * left "Restoring your last session…" up forever, a full quota said "could not be saved in this
 * browser ()", and a browser without IndexedDB said nothing while nothing was saved. Each case
 * runs in a fresh browser: the first and last replace IndexedDB before the page's own scripts
 * run; the full quota is Chromium's own (DevTools protocol: Storage.overrideQuotaForOrigin).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { exportBundle } from '@/core/bundle/export';
import { trecModel } from '../helpers/testModel';
import { openSession, type Session } from './session';
import { exportDownload } from './exportDownload';

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

  it('a workspace saved by Sift 0.2.0 (zip bytes) restores, is kept as the parsed model from then on, and exports as it came', async () => {
    const zip = await exportBundle(trecModel());
    s = await openSession(baseUrl, '7-storage-old-save');
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('No model yet').waitFor();
    // What Sift 0.2.0 left in IndexedDB: the model as NAME.sift.zip bytes (idb-keyval: database "sift", store "workspace").
    const kept = await page.evaluate(async (bytes) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('sift');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const run = <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>) =>
        open().then(
          (db) =>
            new Promise<T>((resolve, reject) => {
              const request = action(db.transaction('workspace', mode).objectStore('workspace'));
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            }),
        );
      await run('readwrite', (store) => store.put({ bytes: new Blob([new Uint8Array(bytes)]), fileName: 'trec.sift.zip' }, 'model'));
      const value = await run<{ bytes: Blob }>('readonly', (store) => store.get('model'));
      return Array.from(new Uint8Array(await value.bytes.arrayBuffer()).subarray(0, 8));
    }, Array.from(zip));
    expect(String.fromCharCode(...kept.slice(0, 2))).toBe('PK');

    await page.reload();
    await page.getByText(/Model TREC questions .* restored from your last visit/).waitFor({ timeout: 30_000 });
    await s.shot('old-save-restored');
    const now = await page.evaluate(async () => {
      const request = indexedDB.open('sift');
      const db = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
      const get = db.transaction('workspace').objectStore('workspace').get('model');
      const value = await new Promise<{ bytes: Blob }>((resolve) => (get.onsuccess = () => resolve(get.result as { bytes: Blob })));
      return Array.from(new Uint8Array(await value.bytes.arrayBuffer()).subarray(0, 8));
    });
    // Kept in the stored form (core/bundle/storedModel.ts): a next reload inflates nothing.
    expect(String.fromCharCode(...now)).toBe('SiftModl');
    const download = await exportDownload(page);
    const exported = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    });
    expect(Buffer.from(exported).equals(Buffer.from(zip))).toBe(true);
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
