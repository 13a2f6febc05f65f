import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { Adam } from './adam';
import { useBackend } from './backend';

const gradients = [
  [0.5, -1, 0.25, 2],
  [0.1, 0.3, -0.7, 0],
  [-2, 0.5, 0.5, 1],
  [0.05, -0.05, 1, -1],
].map((g) => Float32Array.from(g));

describe('Adam', () => {
  it('matches tf.train.adam step for step on dense parameters', async () => {
    await useBackend('cpu');
    const start = Float32Array.from([1, -2, 0.5, 3]);
    const ours = new Adam(start.slice(), { learningRate: 0.01 });
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(0.01);
    for (const g of gradients) {
      ours.applyDense(g);
      tf.tidy(() => optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(g) }]));
      const reference = variable.dataSync();
      ours.params.forEach((p, i) => expect(p).toBeCloseTo(reference[i], 6));
    }
    optimizer.dispose();
    variable.dispose();
  });

  it('row updates plus settleRows follow dense Adam (to float rounding) when other rows get zero gradients', () => {
    const [rows, dim] = [6, 3];
    const random = createRandom(3);
    const start = Float32Array.from({ length: rows * dim }, () => random() * 2 - 1);
    const sparse = new Adam(start.slice(), { learningRate: 0.01 });
    const dense = new Adam(start.slice(), { learningRate: 0.01 });
    for (let step = 1; step <= 300; step++) {
      // row 5 is never touched; the others now and then, so they miss runs of steps
      const touched = [0, 1, 2, 3, 4].filter(() => random() < 0.3);
      const full = new Float32Array(rows * dim);
      const rowGrad = new Float32Array(touched.length * dim);
      touched.forEach((row, j) => {
        for (let k = 0; k < dim; k++) full[row * dim + k] = rowGrad[j * dim + k] = random() * 2 - 1;
      });
      sparse.applyRows(Int32Array.from(touched), dim, rowGrad);
      dense.applyDense(full);
      if (step % 50 === 0) {
        sparse.settleRows(dim);
        sparse.params.forEach((p, i) => expect(p).toBeCloseTo(dense.params[i], 4));
      }
    }
    expect(Array.from(sparse.params.subarray(15, 18))).toEqual(Array.from(start.subarray(15, 18)));
    expect(Math.abs(sparse.params[0] - start[0])).toBeGreaterThan(0.01);
  });

  it('settling the rows before each step (as the Trainer does) takes the same steps as catching up inside applyRows', () => {
    // Many rows, rarely touched, so one settle sees several rows with the same number of missed
    // steps (settleRowsOf memoises its factors per step) and others that missed more than 16.
    const [rows, dim] = [40, 2];
    const random = createRandom(11);
    const start = Float32Array.from({ length: rows * dim }, () => random() * 2 - 1);
    const settled = new Adam(start.slice(), { learningRate: 0.01 });
    const reference = new Adam(start.slice(), { learningRate: 0.01 });
    let longGaps = 0;
    const lastTouched = new Int32Array(rows);
    for (let step = 1; step <= 200; step++) {
      const touched = Array.from({ length: rows }, (_, r) => r).filter((r) => random() < (r < 20 ? 0.3 : 0.04));
      for (const r of touched) if (lastTouched[r] > 0 && step - lastTouched[r] > 16) longGaps++;
      for (const r of touched) lastTouched[r] = step;
      const ids = Int32Array.from(touched);
      const rowGrad = Float32Array.from({ length: touched.length * dim }, () => random() * 2 - 1);
      settled.settleRowsOf(ids, dim);
      settled.applyRows(ids, dim, rowGrad);
      reference.applyRows(ids, dim, rowGrad);
      for (const r of touched) {
        for (let k = 0; k < dim; k++) expect(settled.params[r * dim + k]).toBeCloseTo(reference.params[r * dim + k], 6);
      }
    }
    settled.settleRows(dim);
    reference.settleRows(dim);
    settled.params.forEach((p, i) => expect(p).toBeCloseTo(reference.params[i], 6));
    expect(longGaps).toBeGreaterThan(10);
  });
});
