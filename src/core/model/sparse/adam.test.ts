import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { useBackend } from '../backend';

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
});
