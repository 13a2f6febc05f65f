import { afterAll, describe, expect, it } from 'vitest';
import type { EpochLog } from '@/core/model/types';
import { i18n } from '../i18n';
import { announcementText } from './announcement';

const log: EpochLog = { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, examplesPerSecond: 500, seconds: 2 };
const fallback = { from: 'webgl', to: 'wasm', reason: 'CONTEXT_LOST_WEBGL', failedInEpoch: 1, keptEpochs: 0 } as const;
const lostInEpoch = (failedInEpoch: number, keptEpochs: number) => ({ from: 'webgl', to: 'wasm', reason: 'the WebGL context was lost', failedInEpoch, keptEpochs }) as const;
const finished = { kind: 'finished', stopReason: 'early-stopping', bestEpoch: 2, epochsRun: 4, validation: { accuracy: 0.975, macroF1: 0.9412 } } as const;

describe('what the live region says, in the page’s language', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('in English', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t;
    expect(announcementText(t, { kind: 'epoch', log, totalEpochs: 3 })).toBe('Epoch 1 of 3 finished: loss 0.500, accuracy 80.0%, validation loss 0.600, validation accuracy 75.0%.');
    expect(announcementText(t, { kind: 'fallback', fallback })).toBe('WebGL stopped working in epoch 1 (CONTEXT_LOST_WEBGL). Training again on wasm from the start.');
    expect(announcementText(t, { kind: 'fallback', fallback: lostInEpoch(2, 1) })).toBe(
      'WebGL stopped working in epoch 2 (the WebGL context was lost). Sift went back to the weights after epoch 1, the last one WebGL finished well, ' +
        'and continues on wasm: epoch 1 stays in the history; the optimiser starts afresh from there.',
    );
    expect(announcementText(t, { kind: 'fallback', fallback: lostInEpoch(4, 3) })).toContain('after epoch 3, the last one WebGL finished well, and continues on wasm: epochs 1–3 stay in the history;');
    expect(announcementText(t, { kind: 'fallback', fallback: lostInEpoch(0, 0) })).toBe('WebGL stopped working (the WebGL context was lost). Training again on wasm from the start.');
    expect(announcementText(t, finished)).toBe('Training finished. Stopped early after epoch 4: validation loss stopped improving. Kept epoch 2, the best. Validation accuracy 97.5%, macro-F1 0.941.');
    expect(announcementText(t, { kind: 'none' })).toBe('');
  });

  it('in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t;
    expect(announcementText(t, { kind: 'epoch', log, totalEpochs: 3 })).toBe('第 1 轮（共 3 轮）完成：损失 0.500、准确率 80.0%、验证损失 0.600、验证准确率 75.0%。');
    expect(announcementText(t, finished)).toBe('训练完成。第 4 轮后提前停止：验证损失不再下降。保留了最好的第 2 轮。验证准确率 97.5%，宏平均 F1 0.941。');
    expect(announcementText(t, { kind: 'failed', message: 'out of memory' })).toBe('训练失败：out of memory');
    expect(announcementText(t, { kind: 'fallback', fallback: lostInEpoch(2, 1) })).toBe(
      'WebGL 在第 2 轮停止工作（the WebGL context was lost）。Sift 已退回第 1 轮结束时的权重（WebGL 最后正常完成的一轮），改用 wasm 继续训练：第 1 轮保留在训练记录中，优化器从这里重新开始。',
    );
  });
});
