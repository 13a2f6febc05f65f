/**
 * Journey 2: a person drops a Chinese file saved in GB18030 and sees it read correctly: the
 * encoding named, the real text and labels in the preview.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, openSession, type Session } from './session';

const FILE = 'tests/fixtures/datasets/formats/waimai_10k.gb18030.csv';

describe('journey: drop a GB18030 file', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, '2-gb18030');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the detected encoding and the Chinese text and labels', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    // What the file really says, decoded here independently of the app.
    const lines = new TextDecoder('gb18030').decode(bytes).split(/\r?\n/);
    const [firstText, firstLabel] = lines[1].split(',');

    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    await dropFile(page, page.getByRole('region', { name: 'Data' }), 'waimai_10k.gb18030.csv', bytes);

    const preview = page.getByRole('table', { name: /Preview: the first \d+ rows of waimai_10k\.gb18030\.csv/ });
    await preview.waitFor({ timeout: 60_000 });
    const encoding = page.getByLabel('Encoding');
    expect(await encoding.locator('option:checked').textContent()).toBe('GB18030');
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).toContain(firstText);
    expect(previewText).toContain(firstLabel);
    expect(previewText).not.toContain('\uFFFD');
    const classList = await page.getByRole('list', { name: 'Examples per class' }).textContent();
    expect(classList).toContain('pos');
    expect(classList).toContain('neg');
    await s.shot('gb18030-dropped');

    // Reading it as UTF-8 instead re-reads at once (garbled, as it should be), and back again.
    await encoding.selectOption('utf-8');
    await expect.poll(async () => (await preview.textContent()) ?? '', { timeout: 30_000 }).not.toContain(firstText);
    await s.shot('read-as-utf8');
    await encoding.selectOption('gb18030');
    await expect.poll(async () => (await preview.textContent()) ?? '', { timeout: 30_000 }).toContain(firstText);

    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
