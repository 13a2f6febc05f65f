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
});
