/** The page rendered in Chinese: every heading, button and hint of the empty workspace in Chinese. */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '@/app/App';
import { i18n } from '.';

/**
 * Words the same in every language: names, and the technical terms Chinese writing on machine
 * learning keeps in English (Dropout, Adam, n-gram, the backends' names); "English" and
 * "Language" name the other language in the switch, in that language.
 */
const SAME_EVERYWHERE = new Set(['Sift', 'CSV', 'TSV', 'English', 'Language', 'Dropout', 'Adam', 'Adagrad', 'gram', 'WebAssembly', 'wasm', 'WebGL', 'JavaScript', 'cpu', 'IBAN', 'float', 'uint']);

describe('the empty workspace in Chinese', () => {
  beforeAll(() => i18n.changeLanguage('zh-CN'));
  afterAll(() => i18n.changeLanguage('en'));

  it('has its steps, buttons and hints in Chinese, and no English word left', () => {
    const html = renderToStaticMarkup(<App />);
    for (const step of ['数据', '设置', '训练', '评估', '试一试']) expect(html).toContain(`>${step}</h2>`);
    expect(html).toContain('把 CSV 或 TSV 文件拖到这里');
    expect(html).toContain('aria-label="试用示例数据：新闻标题（中文）"');
    expect(html).toContain('aria-label="步骤"');
    const text = html
      .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+?(aria-label|title|placeholder)="([^"]*)"[^>]*>/g, ' $2 ')
      .replace(/<[^>]+>/g, ' ');
    const english = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !SAME_EVERYWHERE.has(w));
    expect(english).toEqual([]);
  });
});
