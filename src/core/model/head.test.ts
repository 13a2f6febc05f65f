import * as tf from '@tensorflow/tfjs';
import { expectClose, randomValues } from '../../../tests/helpers/modelFixtures';
import { describe, expect, it } from 'vitest';
import { useBackend } from './backend';
import { headGradients, headLogits, transposed, type HeadTensors } from './head';

describe.each(['cpu', 'wasm'] as const)('head on the %s backend', (backend) => {
  const [B, d, h, k] = [5, 4, 6, 3];
  const labels = [0, 2, 1, 2, 0];
  const classWeights = [1, 0.5, 2];

  it('hand-written backward pass equals tfjs autodiff of the weighted mean cross-entropy', async () => {
    await useBackend(backend);
    tf.tidy(() => {
      const head: HeadTensors = {
        hiddenKernel: tf.tensor2d(randomValues(d * h, 1), [d, h]),
        hiddenBias: tf.tensor1d(randomValues(h, 2)),
        outputKernel: tf.tensor2d(randomValues(h * k, 3), [h, k]),
        outputBias: tf.tensor1d(randomValues(k, 4)),
      };
      const pooled = tf.tensor2d(randomValues(B * d, 5), [B, d]);
      const targets = tf.oneHot(tf.tensor1d(labels, 'int32'), k).toFloat() as tf.Tensor2D;
      const scale = tf.tensor2d(labels.map((y) => classWeights[y] / B), [B, 1]);

      const transposes = {
        pooledT: tf.tensor2d(transposed(randomValues(B * d, 5), B, d), [d, B]),
        hiddenKernelT: tf.tensor2d(transposed(randomValues(d * h, 1), d, h), [h, d]),
        outputKernelT: tf.tensor2d(transposed(randomValues(h * k, 3), h, k), [k, h]),
      };
      expectClose(transposes.pooledT.dataSync(), tf.transpose(pooled).dataSync());
      const ours = headGradients(pooled, targets, scale, head, transposes);

      const loss = (p: tf.Tensor, hk: tf.Tensor, hb: tf.Tensor, ok: tf.Tensor, ob: tf.Tensor): tf.Scalar => {
        const hidden = tf.relu(tf.add(tf.matMul(p as tf.Tensor2D, hk as tf.Tensor2D), hb));
        const logits = tf.add(tf.matMul(hidden, ok as tf.Tensor2D), ob);
        const perExample = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
        return tf.sum(tf.mul(perExample, tf.reshape(scale, [B])));
      };
      const reference = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([pooled, head.hiddenKernel, head.hiddenBias, head.outputKernel, head.outputBias]);

      expectClose(ours.logits.dataSync(), headLogits(pooled, head).dataSync());
      expectClose(ours.pooled.dataSync(), reference[0].dataSync());
      expectClose(ours.hiddenKernel.dataSync(), reference[1].dataSync());
      expectClose(ours.hiddenBias.dataSync(), reference[2].dataSync());
      expectClose(ours.outputKernel.dataSync(), reference[3].dataSync());
      expectClose(ours.outputBias.dataSync(), reference[4].dataSync());
    });
  });
});
