import { afterAll, describe, expect, it } from 'vitest';
import type { EpochLog } from '@/core/model/types';
import { i18n } from '../i18n';
import { announcementText } from './announcement';

const log: EpochLog = { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, examplesPerSecond: 500, seconds: 2 };
const fallback = { from: 'webgl', to: 'wasm', reason: 'CONTEXT_LOST_WEBGL' } as const;
const finished = { kind: 'finished', stopReason: 'early-stopping', bestEpoch: 2, epochsRun: 4, validation: { accuracy: 0.975, macroF1: 0.9412 } } as const;

describe('what the live region says, in the page’s language', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('in English', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t;
    expect(announcementText(t, { kind: 'epoch', log, totalEpochs: 3 })).toBe('Epoch 1 of 3 finished: loss 0.500, accuracy 80.0%, validation loss 0.600, validation accuracy 75.0%.');
    expect(announcementText(t, { kind: 'fallback', fallback })).toBe('WebGL failed during training (CONTEXT_LOST_WEBGL). Training again on wasm.');
    expect(announcementText(t, finished)).toBe('Training finished. Stopped early after epoch 4: validation loss stopped improving. Kept epoch 2, the best. Validation accuracy 97.5%, macro-F1 0.941.');
    expect(announcementText(t, { kind: 'none' })).toBe('');
  });

  it('in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t;
    expect(announcementText(t, { kind: 'epoch', log, totalEpochs: 3 })).toBe('第 1 轮（共 3 轮）完成：损失 0.500、准确率 80.0%、验证损失 0.600、验证准确率 75.0%。');
    expect(announcementText(t, finished)).toBe('训练完成。第 4 轮后提前停止：验证损失不再下降。保留了最好的第 2 轮。验证准确率 97.5%，宏平均 F1 0.941。');
    expect(announcementText(t, { kind: 'failed', message: 'out of memory' })).toBe('训练失败：out of memory');
  });
});
