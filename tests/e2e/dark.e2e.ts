/**
 * Journey 11-dark (issue 11): a system set to dark gets a dark page, charts included; the header's
 * switch picks Light (kept on reload, though the system stays dark) and back to the system's.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './session';

const JOURNEY = '11-dark';

/** The page's theme and the relative luminance (0 black … 1 white) of its background and text. */
function looks(page: Page) {
  return page.evaluate(() => {
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255);
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const root = getComputedStyle(document.documentElement);
    const panel = document.querySelector('.panel');
    return {
      theme: document.documentElement.dataset.theme,
      background: luminance(root.backgroundColor),
      panel: panel ? luminance(getComputedStyle(panel).backgroundColor) : null,
      text: luminance(root.color),
      chartAxis: root.getPropertyValue('--chart-axis').trim(),
    };
  });
}

describe('journey: a dark system → dark page and charts → Light by the switch (kept) → the system again', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY, undefined, { colorScheme: 'dark' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('follows the dark system, charts included', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    const dark = await looks(page);
    expect(dark.theme).toBe('dark');
    expect(dark.background).toBeLessThan(0.05);
    expect(dark.text).toBeGreaterThan(0.6);
    expect(await page.getByLabel('Theme').inputValue()).toBe('system');
    await s.shot('dark-empty');

    await page.getByRole('button', { name: 'Try a sample: SMS spam (English)' }).click();
    await page.getByRole('table', { name: /Preview: the first \d+ rows of sms_spam\.csv/ }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Epochs').fill('2');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('.outcome').waitFor({ timeout: 240_000 });
    await page.getByLabel('Text to classify').fill('WINNER!! You have won a prize, call now to claim');
    await expect.poll(() => page.getByRole('status', { name: 'Predicted class' }).textContent(), { timeout: 30_000 }).toBe('spam');
    // The charts draw with the dark theme's colours (canvas pixels: light lines on a dark card).
    const chart = page.locator('.metric-chart canvas').first();
    await chart.scrollIntoViewIfNeeded();
    const pixels = await chart.evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let light = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && data[i] + data[i + 1] + data[i + 2] > 450) light++;
      return light;
    });
    expect(pixels).toBeGreaterThan(100);
    expect(dark.chartAxis).toBe('#b4bbc7');
    await s.shot('dark-trained');
    expect(s.errors).toEqual([]);
  });

  it('switches to Light, keeps it over a reload though the system is dark, and back to the system', async () => {
    const { page } = s;
    await page.getByLabel('Theme').selectOption('light');
    const light = await looks(page);
    expect(light).toMatchObject({ theme: 'light', chartAxis: '#4b5563' });
    expect(light.background).toBeGreaterThan(0.85);
    expect(light.text).toBeLessThan(0.05);
    await s.shot('light-by-switch');

    await page.reload();
    await page.getByRole('heading', { name: 'Data check' }).waitFor({ timeout: 60_000 });
    expect((await looks(page)).theme).toBe('light');
    expect(await page.getByLabel('Theme').inputValue()).toBe('light');

    await page.getByLabel('Theme').selectOption('system');
    expect((await looks(page)).theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(async () => (await looks(page)).theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await looks(page)).theme).toBe('dark');
    await page.getByLabel('Theme').selectOption('dark');
    await s.shot('dark-by-switch');
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
