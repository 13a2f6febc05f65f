import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncodedCorpus } from '../text/types';
import { useBackend } from './backend';
import { bagBatch, corpusSize, poolBatch, rowGradients, touchedRows } from './batch';
import { embeddingBag } from './graph/embeddingBag';
import { trecSlice } from '../../../tests/helpers/modelFixtures';

// Three texts: [5, 6], [7, 8, 9, 5, 2], [3].
const corpus: EncodedCorpus = {
  ids: Int32Array.from([5, 6, 7, 8, 9, 5, 2, 3]),
  offsets: Int32Array.from([0, 2, 7, 8]),
  labels: Int32Array.from([0, 1, 0]),
};

describe('bagBatch', () => {
  it('pads each batch to its own longest text, in the given order', () => {
    const batch = bagBatch(corpus, [2, 0], 0, 2, 100);
    expect(batch.length).toBe(2);
    expect(Array.from(batch.ids)).toEqual([3, 0, 5, 6]);
    expect(Array.from(batch.weights)).toEqual([1, 0, 0.5, 0.5]);
    expect(Array.from(batch.labels)).toEqual([0, 0]);
  });

  it('truncates to the sequence length and averages over the kept tokens', () => {
    const batch = bagBatch(corpus, [0, 1, 2], 1, 2, 3);
    expect(batch.length).toBe(3);
    expect(Array.from(batch.ids)).toEqual([7, 8, 9]);
    expect(Array.from(batch.weights)).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  });

  it('on real TREC texts: each text\'s weights sum to 1 and the batch is as long as its longest text', () => {
    const { train } = trecSlice(400);
    const order = Array.from({ length: corpusSize(train) }, (_, i) => corpusSize(train) - 1 - i);
    for (let start = 0; start < 64; start += 16) {
      const batch = bagBatch(train, order, start, start + 16, 256);
      let longest = 0;
      for (let i = start; i < start + 16; i++) longest = Math.max(longest, train.offsets[order[i] + 1] - train.offsets[order[i]]);
      expect(batch.length).toBe(longest);
      for (let b = 0; b < 16; b++) {
        const sum = batch.weights.subarray(b * batch.length, (b + 1) * batch.length).reduce((a, c) => a + c, 0);
        expect(sum).toBeCloseTo(1, 5);
      }
    }
  });
});

describe('touchedRows', () => {
  it('lists distinct rows of real tokens in order of first use and restores its scratch space', () => {
    const batch = bagBatch(corpus, [0, 1, 2], 0, 3, 100);
    const slots = new Int32Array(10).fill(-1);
    const touched = touchedRows(batch, slots);
    expect(Array.from(touched.rows)).toEqual([5, 6, 7, 8, 9, 2, 3]);
    // text 0 is [5, 6, pad, pad, pad]; text 1 reuses row 5 at its fourth position
    expect(Array.from(touched.localIds.subarray(0, 5))).toEqual([0, 1, -1, -1, -1]);
    expect(touched.localIds[5 + 3]).toBe(0);
    expect(Array.from(slots)).toEqual(new Array(10).fill(-1));
  });
});

describe('poolBatch and rowGradients', () => {
  const dim = 3;
  const table = Float32Array.from({ length: 10 * dim }, (_, i) => Math.sin(i + 1));
  table.fill(100, 0, dim); // the padding row: must never show up in a mean
  const batch = bagBatch(corpus, [0, 1, 2], 0, 3, 100);

  it('pools the masked mean of each text\'s rows', () => {
    const pooled = poolBatch(table, dim, batch);
    const row = (r: number): number[] => Array.from(table.subarray(r * dim, r * dim + dim));
    const mean = (rows: number[]): number[] => [0, 1, 2].map((k) => rows.reduce((a, r) => a + row(r)[k], 0) / rows.length);
    const expected = [...mean([5, 6]), ...mean([7, 8, 9, 5, 2]), ...mean([3])];
    expected.forEach((v, i) => expect(pooled[i]).toBeCloseTo(v, 5));
  });

  describe('gradient', () => {
    beforeAll(async () => {
      await useBackend('cpu');
    });

    it('equals the gradient of the tfjs embedding bag on the touched rows', () => {
      const upstream = Float32Array.from({ length: batch.size * dim }, (_, i) => Math.cos(i));
      const touched = touchedRows(batch, new Int32Array(10).fill(-1));
      const ours = rowGradients(batch, touched, upstream, dim);
      const full = tf.tidy(() => {
        const up = tf.tensor2d(upstream, [batch.size, dim]);
        const ids = tf.tensor2d(batch.ids, [batch.size, batch.length], 'int32');
        const weights = tf.tensor2d(batch.weights, [batch.size, batch.length]);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingBag(t as tf.Tensor2D, ids, weights), up)))(tf.tensor2d(table, [10, dim])).dataSync();
      });
      touched.rows.forEach((r, j) => {
        for (let k = 0; k < dim; k++) expect(ours[j * dim + k]).toBeCloseTo(full[r * dim + k], 5);
      });
    });

    it('gives the same gradient in a reused scratch buffer that holds an earlier result', () => {
      const upstream = Float32Array.from({ length: batch.size * dim }, (_, i) => Math.cos(i));
      const touched = touchedRows(batch, new Int32Array(10).fill(-1));
      const fresh = rowGradients(batch, touched, upstream, dim);
      const scratch = new Float32Array(fresh.length + 5).fill(7);
      rowGradients(batch, touched, upstream, dim, scratch);
      const reused = rowGradients(batch, touched, upstream, dim, scratch);
      expect(reused.buffer).toBe(scratch.buffer);
      expect(Array.from(reused)).toEqual(Array.from(fresh));
    });
  });
});
