import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random';
import { useBackend } from '../backend';
import { RowAdagrad } from './rowAdagrad';
import { TensorRowAdagrad } from '../graph/tensorRowAdagrad';
import { variableFrom } from '../graph/tensorAdam';

const [ROWS, DIM] = [6, 3];

/** Steps in which a random subset of rows 0–4 gets a gradient (row 5 never does). */
function randomSteps(count: number, seed: number): { rows: Int32Array; grad: Float32Array }[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const rows = Int32Array.from([0, 1, 2, 3, 4].filter(() => random() < 0.4));
    return { rows, grad: Float32Array.from({ length: rows.length * DIM }, () => random() * 2 - 1) };
  });
}

function denseGradient(rows: Int32Array, grad: Float32Array): Float32Array {
  const full = new Float32Array(ROWS * DIM);
  rows.forEach((row, j) => full.set(grad.subarray(j * DIM, (j + 1) * DIM), row * DIM));
  return full;
}

describe('RowAdagrad', () => {
  it('takes a first step of length lr along the gradient, in root-mean-square terms', () => {
    const params = new Float32Array(ROWS * DIM);
    new RowAdagrad(params, DIM, 0.1).applyRows(Int32Array.from([2]), Float32Array.from([3, -4, 0]));
    const rms = Math.sqrt((9 + 16) / 3);
    expect(Array.from(params.subarray(6, 9)).map((p) => p * rms)).toEqual([expect.closeTo(-0.3, 6), expect.closeTo(0.4, 6), 0]);
    expect(params.filter((p, i) => (i < 6 || i >= 9) && p !== 0)).toHaveLength(0);
  });

  it('shrinks a row’s steps as its squared gradients add up', () => {
    const params = new Float32Array(DIM);
    const optimizer = new RowAdagrad(params, DIM, 0.1);
    const moves: number[] = [];
    for (let step = 0; step < 4; step++) {
      const before = params[0];
      optimizer.applyRows(Int32Array.from([0]), Float32Array.from([1, 1, 1]));
      moves.push(before - params[0]);
    }
    // Same gradient each time: the t-th step is lr / √t.
    moves.forEach((move, t) => expect(move).toBeCloseTo(0.1 / Math.sqrt(t + 1), 6));
  });

  it('equals the tensor version given the dense gradient, and leaves untouched rows alone', async () => {
    await useBackend('cpu');
    const random = createRandom(5);
    const start = Float32Array.from({ length: ROWS * DIM }, () => random() * 2 - 1);
    const sparse = new RowAdagrad(start.slice(), DIM, 0.05);
    const table = variableFrom(tf.tensor2d(start.slice(), [ROWS, DIM]), true);
    const dense = new TensorRowAdagrad(table, 0.05);
    const before = tf.memory().numTensors;
    for (const { rows, grad } of randomSteps(60, 9)) {
      sparse.applyRows(rows, grad);
      const g = tf.tensor2d(denseGradient(rows, grad), [ROWS, DIM]);
      dense.apply(g);
      g.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    const reference = table.dataSync();
    sparse.params.forEach((p, i) => expect(p).toBeCloseTo(reference[i], 5));
    expect(Array.from(sparse.params.subarray(15, 18))).toEqual(Array.from(start.subarray(15, 18)));
    expect(Math.abs(sparse.params[0] - start[0])).toBeGreaterThan(0.05);
    dense.dispose();
    table.dispose();
  });
});
