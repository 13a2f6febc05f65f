/**
 * Adam on plain Float32Arrays, updated in place: densely for the small dense layers, and lazily —
 * only the rows a batch touched — for the embedding table (as TensorFlow Addons' LazyAdam).
 *
 * Why in JS and not tf.train.adam: tfjs' Adam runs ~15 backend ops (plus scalar uploads) per
 * variable per step, and a dense step over a [50,000 × 64] table reads and writes 3 × 3.2 M floats
 * for a batch that touched a few hundred rows. Profiling showed both dominating the step; a lazy
 * update costs O(touched rows × d). Untouched rows keep stale moments, the accepted behaviour of
 * sparse Adam, and it did not cost accuracy in our measurements (see train.ts).
 */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly learningRate: number;

  /** `params` is updated in place. */
  constructor(
    readonly params: Float32Array,
    options: AdamOptions,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7; // tfjs' default on float32 backends
  }

  /** One step on every parameter; `grad` has the length of `params`. */
  applyDense(grad: Float32Array): void {
    const lr = this.nextStepSize();
    this.update(0, 0, this.params.length, grad, lr);
  }

  /**
   * One step on some rows of a [rows × dim] table: grad row j ([rows.length × dim]) belongs to
   * table row rows[j]. Rows must be distinct.
   */
  applyRows(rows: Int32Array, dim: number, grad: Float32Array): void {
    const lr = this.nextStepSize();
    for (let j = 0; j < rows.length; j++) this.update(rows[j] * dim, j * dim, dim, grad, lr);
  }

  /** Learning rate with Adam's bias correction folded in (as tfjs and Keras do). */
  private nextStepSize(): number {
    this.step++;
    return (this.learningRate * Math.sqrt(1 - this.beta2 ** this.step)) / (1 - this.beta1 ** this.step);
  }

  private update(at: number, gradAt: number, count: number, grad: Float32Array, lr: number): void {
    const { beta1, beta2, epsilon, params, m, v } = this;
    for (let k = 0; k < count; k++) {
      const g = grad[gradAt + k];
      const i = at + k;
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (lr * mi) / (Math.sqrt(vi) + epsilon);
    }
  }
}
