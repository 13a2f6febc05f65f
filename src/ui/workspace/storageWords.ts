/** What went wrong with the browser's storage (state/storageProblem.ts), in the page's language. */
import type { StorageProblem } from '@/state/storageProblem';
import type { WorkspaceNotice } from '@/state/types';
import { formatBytes, formatNumber } from '../common/format';
import type { T } from '../i18n';

export function storageProblemText(t: T, p: StorageProblem): string {
  switch (p.kind) {
    case 'full':
    case 'blocked':
    case 'no-storage-in-window': {
      const problem = t(`app.storage.problem.${p.kind}`);
      return p.message ? t('app.storage.problem.withMessage', { problem, message: p.message }) : problem;
    }
    case 'no-indexeddb':
    case 'no-reason':
      return t(`app.storage.problem.${p.kind}`);
    case 'no-answer':
      return t('app.storage.problem.no-answer', { seconds: formatNumber(p.seconds) });
    case 'other':
      if (p.name && p.message) return t('app.storage.problem.named', { name: p.name, message: p.message });
      return p.message || p.name || t('app.storage.problem.no-reason');
  }
}

/** The workspace's notice (saving, restoring, a file too large to keep) as one sentence. */
export function workspaceNoticeText(t: T, notice: WorkspaceNotice): string {
  if (notice.kind === 'dataset-not-kept') {
    return t('app.notice.dataset-not-kept', { fileName: notice.fileName, size: formatBytes(notice.bytes), largest: formatBytes(notice.largest) });
  }
  return t(`app.notice.${notice.kind}`, { detail: storageProblemText(t, notice.detail) });
}
