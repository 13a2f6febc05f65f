import { afterAll, describe, expect, it } from 'vitest';
import { formatPercent as cliPercent } from '@/core/format';
import { i18n } from '../i18n';
import { formatAbout, formatBytes, formatCount, formatDateTime, formatPercent, formatSeconds } from './format';

describe('figures in the page’s language', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('in English: grouped numbers, percentages as the CLI writes them, durations, rows', async () => {
    await i18n.changeLanguage('en');
    expect(formatCount(12345.4)).toBe('12,345');
    for (const x of [0, 0.0004, 0.5, 0.9123, 1]) expect(formatPercent(x)).toBe(cliPercent(x));
    expect(formatPercent(0.42, 0)).toBe('42%');
    expect([0.4, 12.3, 114, 120].map(formatSeconds)).toEqual(['under a second', '12 s', '1 min 54 s', '2 min']);
    expect(formatAbout(0.3)).toBe('under a second');
    expect(formatAbout(42)).toBe('about 42 s');
    expect(formatBytes(1_843_790)).toBe('1.8 MB');
    expect(formatDateTime('2026-01-05T14:03:00')).toMatch(/^Jan 5, 0?2:03\sPM$/);
  });

  it('in Chinese: the same figures, in Chinese words and separators', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect([0.4, 12.3, 114, 120].map(formatSeconds)).toEqual(['不到 1 秒', '12 秒', '1 分 54 秒', '2 分钟']);
    expect(formatAbout(42)).toBe('约 42 秒');
    expect(formatDateTime('2026-01-05T14:03:00')).toBe('1月5日 14:03');
  });
});
