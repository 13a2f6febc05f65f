/**
 * Adam on tf.Variables, with the same arithmetic as ../sparse/adam.ts (TensorFlow / Keras form): the bias
 * correction is folded into the step size, lr_t = lr · √(1−β2^t) / (1−β1^t), and ε is added to √v.
 *
 * Why not tf.train.adam: it adds ε to the bias-corrected √v̂ instead, which is a different
 * optimiser for small gradients (at ~1e-5, ε = 1e-7 against √v = 0.03·|g| changes the step by
 * ~25%). Matching adam.ts makes the graph path train the same model as the sparse path
 * (graphTrainer.test.ts checks it).
 * It also runs fewer ops per variable (the step size is computed in JS and uploaded as a scalar).
 */
import * as tf from '@tensorflow/tfjs';
import { adamConstants, adamStepSize, type AdamOptions } from '../sparse/adam';

/**
 * A variable holding `initial`'s values; `initial` itself is disposed (tf.variable shares its
 * data and would otherwise leave the initial tensor alive).
 */
export function variableFrom<R extends tf.Rank>(initial: tf.Tensor<R>, trainable: boolean): tf.Variable<R> {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

export class TensorAdam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private step = 0;
  private readonly constants: Required<AdamOptions>;

  constructor(
    private readonly params: readonly tf.Variable[],
    options: AdamOptions,
  ) {
    this.m = params.map((p) => variableFrom(tf.zerosLike(p), false));
    this.v = params.map((p) => variableFrom(tf.zerosLike(p), false));
    this.constants = adamConstants(options);
  }

  /** One dense step; grads[i] has the shape of params[i]. Does not dispose the gradients. */
  apply(grads: readonly tf.Tensor[]): void {
    const stepSize = adamStepSize(this.constants, ++this.step);
    const { beta1, beta2, epsilon } = this.constants;
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon)), stepSize)));
      });
    });
  }

  /** Frees the moment variables (not the parameters). */
  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
