/**
 * Journey 11-chinese (issue 11): a person whose browser speaks English switches the page to
 * Chinese, reloads (it stays Chinese), goes through the whole flow by keyboard in Chinese on the
 * Chinese news sample (read, train, open the texts behind a cell, try a headline), checks a phone
 * screen, and switches back to English (which stays, too). Each user text whose script is not the
 * page's carries its own lang.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './session';

const JOURNEY = '11-chinese';
const HEADLINE = '国足主帅公布亚洲杯集训名单';

/** The focused element: its label or text, and id. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '' : '';
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), label: label.trim() };
  });
}

/** Presses Tab until the focused element's name, text or label matches. */
async function tabTo(page: Page, name: RegExp, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (name.test(el.text) || name.test(el.label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

const headings = (page: Page) => page.locator('main h2').allTextContents();

describe('journey: English → 中文 (kept on reload) → the whole flow by keyboard → English', () => {
  let s: Session;
  const baseUrl = inject('previewUrl');

  beforeAll(async () => {
    s = await openSession(baseUrl, JOURNEY);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens in English for an English browser and switches to Chinese, which a reload keeps', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByText('Drop a CSV or TSV file here').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await headings(page)).toEqual(['Data', 'Settings', 'Train', 'Evaluate', 'Try it']);
    await s.shot('english');

    // By keyboard: the switch names each language in itself.
    await tabTo(page, /^中文$/);
    await page.keyboard.press('Enter');
    await page.getByText('把 CSV 或 TSV 文件拖到这里').waitFor();
    expect(await headings(page)).toEqual(['数据', '设置', '训练', '评估', '试一试']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('Sift — 在浏览器里训练文本分类器');
    await page.getByRole('navigation', { name: '步骤' }).waitFor();
    await page.getByRole('button', { name: '中文', pressed: true }).waitFor();
    await page.getByLabel('选择文件').waitFor();
    await s.shot('chinese');

    await page.reload();
    await page.getByText('把 CSV 或 TSV 文件拖到这里').waitFor();
    expect(await headings(page)).toEqual(['数据', '设置', '训练', '评估', '试一试']);
    expect(s.errors).toEqual([]);
  });

  it('goes through the whole flow by keyboard in Chinese', async () => {
    const { page } = s;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, /^试用示例数据：新闻标题（中文）$/);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /预览：thucnews_titles\.csv 的前 \d+ 行/ }).waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await focused(page)).id, { timeout: 10_000 }).toBe('data-summary-heading');
    await page.getByRole('heading', { name: '数据检查' }).waitFor();
    // Chinese texts in the Chinese page need no lang of their own; the sample's English labels do.
    expect(await page.locator('.preview-table td.col--text[lang]').count()).toBe(0);
    expect(await page.locator('.preview-table td.col--label[lang="en"]').count()).toBeGreaterThan(0);
    await s.shot('keyboard-sample-loaded');

    await tabTo(page, /^训练轮数$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await tabTo(page, /^训练$/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).text, { timeout: 30_000 }).toBe('停止');
    await page.locator('.outcome').waitFor({ timeout: 240_000 });
    await expect.poll(async () => (await focused(page)).text).toMatch(/^(第 2 轮|2 轮全部完成|第 \d 轮后提前停止).*共用 [\d,]+ 个样本做训练和验证。$/);
    await expect.poll(() => page.locator('.train-controls ~ * [aria-live="polite"], #train [aria-live="polite"]').last().textContent()).toMatch(/^训练完成。/);
    await s.shot('keyboard-trained');

    // The texts behind a cell of the matrix, by keyboard, and back.
    await tabTo(page, /^真实为 .+，预测为 .+：[\d,]+ 条文本$/, 400);
    const cell = (await focused(page)).text;
    await page.keyboard.press('Enter');
    const [, trueLabel, predictedLabel] = /^真实为 (.+)，预测为 (.+)：/.exec(cell) ?? [];
    await expect.poll(async () => (await focused(page)).text, { timeout: 30_000 }).toMatch(new RegExp(`^真实为 ${trueLabel}，预测为 ${predictedLabel}：[\\d,]+ 条文本$`));
    await s.shot('keyboard-cell-texts');
    await tabTo(page, /^关闭$/);
    await page.keyboard.press('Enter');
    expect((await focused(page)).text).toBe(cell);

    // Try a headline.
    await tabTo(page, /^要分类的文本$/, 600);
    await page.keyboard.type(HEADLINE);
    const predicted = page.getByRole('status', { name: '预测类别' });
    await expect.poll(() => predicted.textContent(), { timeout: 30_000 }).toBe('sports');
    expect(await predicted.getAttribute('lang')).toBe('en');
    await page.getByText(/个词中，模型认识 \d+ 个。$/).waitFor();
    await s.shot('keyboard-tried');

    // An English text in the Chinese page carries lang="en".
    await page.keyboard.press('Control+A');
    await page.keyboard.type('football coach');
    expect(await page.getByLabel('要分类的文本').getAttribute('lang')).toBe('en');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(HEADLINE);
    expect(await page.getByLabel('要分类的文本').getAttribute('lang')).toBeNull();
    expect(s.errors).toEqual([]);
  });

  it('fits a phone in Chinese, and switches back to English, which a reload keeps', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await s.scrollsSideways();
    expect(width.sideways, `${width.scrollWidth} px wide`).toBe(false);
    await s.shot('phone-chinese');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Data check' }).waitFor();
    expect(await headings(page)).toEqual(['Data', 'Settings', 'Train', 'Evaluate', 'Try it']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Now the Chinese texts are marked as Chinese inside the English page.
    expect(await page.locator('.preview-table td.col--text[lang="zh"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.preview-table td.col--label[lang]').count()).toBe(0);
    expect(await page.getByLabel('Text to classify').getAttribute('lang')).toBe('zh');
    expect(await page.getByRole('status', { name: 'Predicted class' }).getAttribute('lang')).toBeNull();
    await page.getByRole('button', { name: 'Train again' }).waitFor();
    await s.shot('back-to-english');

    await page.reload();
    await page.getByRole('heading', { name: 'Data check' }).waitFor({ timeout: 60_000 });
    expect(await headings(page)).toEqual(['Data', 'Settings', 'Train', 'Evaluate', 'Try it']);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests()).toEqual([]);
  });
});
