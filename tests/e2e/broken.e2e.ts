/**
 * Journey 3: a person drops a file that is not a table, reads why, and carries on with a sample.
 * Also checks the page on a narrow (phone-sized) window.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, openSession, type Session } from './session';

/** A PNG image saved under a .csv name (tests/fixtures/malformed/README.md). */
const PNG = new Uint8Array(readFileSync('tests/fixtures/malformed/image_renamed.csv'));

describe('journey: a broken file, then a sample', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, '3-broken', { width: 390, height: 844 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('explains what is wrong and keeps working', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    const data = page.getByRole('region', { name: 'Data' });
    await page.getByText('Drop a CSV or TSV file here').waitFor();

    await dropFile(page, data, 'photo.csv', PNG);
    const alert = data.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/Could not read photo\.csv/);
    expect(await alert.locator('code').textContent()).toBe('BINARY_FILE');
    await s.shot('image-rejected');

    // The rest of the page still works: load a sample.
    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    expect(await data.getByRole('alert').count()).toBe(0);
    await s.shot('sample-after-error');

    // A broken file now keeps the sample loaded and says why beside it.
    const header = readFileSync('tests/fixtures/malformed/header_only.csv');
    await page.getByLabel('Choose another file').setInputFiles({ name: 'header_only.csv', mimeType: 'text/csv', buffer: header });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.locator('code').textContent()).toBe('HEADER_ONLY');
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor();
    await s.shot('header-only-keeps-sample');

    // A file that is not a Sift model, opened as one: a clear message in the header.
    await page.getByLabel('Open model').setInputFiles({ name: 'not-a-model.sift.zip', mimeType: 'application/zip', buffer: Buffer.from('text,label\nhi,ham\n') });
    const modelAlert = page.getByRole('banner').getByRole('alert');
    await modelAlert.waitFor({ timeout: 30_000 });
    expect(await modelAlert.textContent()).toMatch(/Could not open the model.*not-a-model\.sift\.zip/s);
    expect(await modelAlert.locator('code').textContent()).toBe('BAD_BUNDLE');
    await s.shot('bad-bundle');

    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
