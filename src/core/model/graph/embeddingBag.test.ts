import * as tf from '@tensorflow/tfjs';
import { expectClose, randomValues } from '../../../../tests/helpers/modelFixtures';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend';
import { embeddingBag } from './embeddingBag';
import { isSegmentSumKernelRegistered, registerSegmentSumKernel } from '../segmentSumKernel';

describe.each(['cpu', 'wasm'] as const)('on the %s backend', (backend) => {
  it('registers Sift\'s UnsortedSegmentSum kernel, once', async () => {
    await useBackend(backend);
    expect(isSegmentSumKernelRegistered(backend)).toBe(true);
    registerSegmentSumKernel(backend); // a second registration must neither throw nor duplicate
    expect(isSegmentSumKernelRegistered(backend)).toBe(true);
    expect(tf.getKernelsForBackend(backend).filter((k) => k.kernelName === tf.UnsortedSegmentSum)).toHaveLength(1);
  });

  it('sums rows into segments as TensorFlow defines it (hand-computed)', async () => {
    await useBackend(backend);
    const cases: { x: number[]; xShape: number[]; ids: number[]; idsShape: number[]; n: number; dtype: 'float32' | 'int32'; expected: number[] }[] = [
      // rows 0 and 2 go to segment 2, row 1 to segment 0, id 5 is out of range and dropped
      { x: [1, 2, 3, 4, 5, 6, 7, 8], xShape: [4, 2], ids: [2, 0, 2, 5], idsShape: [4], n: 3, dtype: 'float32', expected: [3, 4, 0, 0, 6, 8] },
      { x: [1, 2, 3, 4], xShape: [4], ids: [1, 1, 0, -1], idsShape: [4], n: 2, dtype: 'int32', expected: [3, 3] },
      // ids of rank 2 address the first two dimensions of x
      { x: [1, 2, 3, 4, 5, 6, 7, 8], xShape: [2, 2, 2], ids: [0, 1, 1, 1], idsShape: [2, 2], n: 2, dtype: 'float32', expected: [1, 2, 15, 18] },
    ];
    for (const c of cases) {
      const out = tf.tidy(() => {
        const ids: tf.Tensor = tf.tensor(c.ids, c.idsShape, 'int32');
        return tf.unsortedSegmentSum(tf.tensor(c.x, c.xShape, c.dtype), ids as tf.Tensor1D, c.n);
      });
      expect(out.dtype).toBe(c.dtype);
      expect(out.shape).toEqual([c.n, ...c.xShape.slice(c.idsShape.length)]);
      expect(Array.from(out.dataSync())).toEqual(c.expected);
      out.dispose();
    }
  });

  it('makes tf.gather\'s gradient (the Embedding layer\'s) equal the hand-computed one', async () => {
    await useBackend(backend);
    const [vocab, dim] = [9, 4];
    const ids = [3, 1, 3, 8, 0, 3];
    const upstream = randomValues(ids.length * dim, 1);
    const grad = tf.tidy(() => {
      const table = tf.tensor2d(randomValues(vocab * dim, 2), [vocab, dim]);
      const idsT = tf.tensor1d(ids, 'int32');
      const up = tf.tensor2d(upstream, [ids.length, dim]);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idsT), up)))(table);
    });
    const expected = new Float32Array(vocab * dim);
    ids.forEach((id, i) => {
      for (let k = 0; k < dim; k++) expected[id * dim + k] += upstream[i * dim + k];
    });
    expectClose(grad.dataSync(), expected);
    grad.dispose();
  });

  it('handles a vocabulary of 50,000 in one pass (the stock kernels loop over every entry)', async () => {
    await useBackend(backend);
    const out = tf.tidy(() => tf.unsortedSegmentSum(tf.ones([2048, 64]), tf.tensor1d(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 50_000), 'int32'), 50_000));
    expect(out.shape).toEqual([50_000, 64]);
    expect(tf.tidy(() => tf.sum(out).dataSync()[0])).toBe(2048 * 64);
    out.dispose();
  });

  describe('embeddingBag', () => {
    const [vocab, dim] = [7, 3];
    // Two texts padded to length 4: [1, 2, 2] and [6, 3]; padding positions hold id 0 with weight 0.
    const ids = [1, 2, 2, 0, 6, 3, 0, 0];
    const weights = [1 / 3, 1 / 3, 1 / 3, 0, 1 / 2, 1 / 2, 0, 0];

    it('is the masked mean: padding rows never count', async () => {
      await useBackend(backend);
      const table = randomValues(vocab * dim, 3);
      table.fill(100, 0, dim); // a padding row that would show if it were averaged in
      const pooled = tf.tidy(() => embeddingBag(tf.tensor2d(table, [vocab, dim]), tf.tensor2d(ids, [2, 4], 'int32'), tf.tensor2d(weights, [2, 4])));
      const row = (r: number, k: number): number => table[r * dim + k];
      const expected = [0, 1, 2].map((k) => (row(1, k) + 2 * row(2, k)) / 3).concat([0, 1, 2].map((k) => (row(6, k) + row(3, k)) / 2));
      expectClose(pooled.dataSync(), expected);
      pooled.dispose();
    });

    it('has the gradient of the reference (hand-computed scatter of dy · weight)', async () => {
      await useBackend(backend);
      const upstream = randomValues(2 * dim, 4);
      const grad = tf.tidy(() => {
        const idsT = tf.tensor2d(ids, [2, 4], 'int32');
        const weightsT = tf.tensor2d(weights, [2, 4]);
        const up = tf.tensor2d(upstream, [2, dim]);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingBag(t as tf.Tensor2D, idsT, weightsT), up)))(tf.tensor2d(randomValues(vocab * dim, 5), [vocab, dim]));
      });
      const expected = new Float32Array(vocab * dim);
      ids.forEach((id, i) => {
        const b = Math.floor(i / 4);
        for (let k = 0; k < dim; k++) expected[id * dim + k] += weights[i] * upstream[b * dim + k];
      });
      expectClose(grad.dataSync(), expected);
      grad.dispose();
    });

    it('leaves no tensors behind', async () => {
      await useBackend(backend);
      const table = tf.tensor2d(randomValues(vocab * dim, 6), [vocab, dim]);
      const idsT = tf.tensor2d(ids, [2, 4], 'int32');
      const weightsT = tf.tensor2d(weights, [2, 4]);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(embeddingBag(t as tf.Tensor2D, idsT, weightsT)))(table)).dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([table, idsT, weightsT]);
    });
  });
});
