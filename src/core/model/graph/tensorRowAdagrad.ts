/**
 * ../sparse/rowAdagrad.ts's optimiser on a tf.Variable table, for the graph path: the same arithmetic on a
 * dense [V, d] gradient whose untouched rows are zero (which leaves those rows and their
 * accumulators as they are, so both paths take the same steps).
 */
import * as tf from '@tensorflow/tfjs';
import { ROW_ADAGRAD_EPSILON } from '../sparse/rowAdagrad';
import { variableFrom } from './tensorAdam';

export class TensorRowAdagrad {
  /** [V, 1] */
  private readonly accumulators: tf.Variable<tf.Rank.R2>;

  constructor(
    private readonly table: tf.Variable<tf.Rank.R2>,
    private readonly learningRate: number,
  ) {
    this.accumulators = variableFrom(tf.zeros([table.shape[0], 1]), false);
  }

  /** One step; `grad` has the table's shape. Does not dispose the gradient. */
  apply(grad: tf.Tensor): void {
    tf.tidy(() => {
      const sum = tf.add(this.accumulators, tf.mean(tf.square(grad), 1, true)) as tf.Tensor2D;
      this.accumulators.assign(sum);
      const step = tf.div(this.learningRate, tf.add(tf.sqrt(sum), ROW_ADAGRAD_EPSILON));
      this.table.assign(tf.sub(this.table, tf.mul(grad, step)) as tf.Tensor2D);
    });
  }

  /** Frees the accumulators (not the table). */
  dispose(): void {
    this.accumulators.dispose();
  }
}
