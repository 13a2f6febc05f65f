import { afterAll, describe, expect, it } from 'vitest';
import type { StorageProblem } from '@/state/storageProblem';
import { i18n } from '../i18n';
import { storageProblemText, workspaceNoticeText } from './storageWords';

describe('what the page says went wrong with the storage', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it.each<[StorageProblem, string]>([
    [{ kind: 'full', message: '' }, "the browser's storage for this site is full"],
    [{ kind: 'full', message: 'Quota exceeded.' }, "the browser's storage for this site is full: Quota exceeded."],
    [{ kind: 'blocked', message: 'The operation is insecure.' }, 'the browser does not let this page store data (site data may be blocked in its settings): The operation is insecure.'],
    [{ kind: 'no-storage-in-window', message: '' }, 'the browser does not offer storage in this window (a private window may not)'],
    [{ kind: 'other', name: 'UnknownError', message: 'Internal error.' }, 'UnknownError: Internal error.'],
    [{ kind: 'other', name: 'AbortError', message: '' }, 'AbortError'],
    [{ kind: 'other', name: '', message: 'the engine stopped' }, 'the engine stopped'],
    [{ kind: 'no-answer', seconds: 0.1 }, "the browser's storage did not answer within 0.1 s"],
    [{ kind: 'no-answer', seconds: 5 }, "the browser's storage did not answer within 5 s"],
    [{ kind: 'no-indexeddb' }, 'this browser offers no IndexedDB'],
    [{ kind: 'no-reason' }, 'the browser gave no reason'],
  ])('in English: %j', async (problem, words) => {
    await i18n.changeLanguage('en');
    expect(storageProblemText(i18n.t, problem)).toBe(words);
  });

  it('in the notices, as before the words became data', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t;
    expect(t('app.notice.restore-failed', { detail: storageProblemText(t, { kind: 'no-answer', seconds: 0.1 }) })).toBe(
      "Your previous work could not be restored (the browser's storage did not answer within 0.1 s).",
    );
    expect(t('app.notice.save-failed', { detail: storageProblemText(t, { kind: 'full', message: '' }) })).toBe(
      "Your work could not be saved in this browser (the browser's storage for this site is full); it stays until you close the page.",
    );
    expect(t('app.notice.take-over-failed', { detail: storageProblemText(t, { kind: 'other', name: 'AbortError', message: '' }) })).toBe('Sift could not take over from the other tab (AbortError).');
    expect(t('app.notice.export-failed', { detail: storageProblemText(t, { kind: 'other', name: '', message: 'out of memory' }) })).toBe('The model could not be exported (out of memory).');
  });

  it('names a file too large to keep, its size and the limit, in both languages', async () => {
    const notice = { kind: 'dataset-not-kept', fileName: 'ag_1m.csv', bytes: 251_000_000, largest: 100 * 1024 * 1024 } as const;
    await i18n.changeLanguage('en');
    expect(workspaceNoticeText(i18n.t, notice)).toBe(
      'ag_1m.csv (239.4 MB) is not kept in this browser: files over 100.0 MB would be read again on every reload. After a reload, choose it again; your settings, model and label decisions are kept.',
    );
    expect(workspaceNoticeText(i18n.t, { kind: 'clear-failed', detail: { kind: 'no-reason' } })).toBe('Saved work could not be cleared (the browser gave no reason).');
    await i18n.changeLanguage('zh-CN');
    expect(workspaceNoticeText(i18n.t, notice)).toMatch(/^ag_1m\.csv（239\.4 MB）不会保存在此浏览器中：超过 100\.0 MB 的文件/);
  });

  it('in Chinese, with the browser’s own words kept', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(storageProblemText(i18n.t, { kind: 'full', message: 'Quota exceeded.' })).toBe('浏览器为本网站分配的存储空间已满：Quota exceeded.');
    expect(storageProblemText(i18n.t, { kind: 'no-answer', seconds: 5 })).toBe('浏览器的存储在 5 秒内没有响应');
  });
});
