/**
 * Adam on plain Float32Arrays, updated in place: the dense layers' optimiser on the sparse path.
 *
 * Why in JS and not tf.train.adam: tfjs' Adam runs ~15 backend ops (plus scalar uploads) per
 * variable per step; the dense layers' ~5,000 parameters update in microseconds in JS and travel
 * to the backend with the next step's upload. (The embedding table has its own optimiser,
 * rowAdagrad.ts.)
 */

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam's constants with the defaults filled in (ε as tfjs uses on float32 backends). */
export function adamConstants(options: AdamOptions): Required<AdamOptions> {
  return { learningRate: options.learningRate, beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.999, epsilon: options.epsilon ?? 1e-7 };
}

/** The learning rate of step t with Adam's bias correction folded in, as tfjs and Keras do. */
export function adamStepSize({ learningRate, beta1, beta2 }: Required<AdamOptions>, t: number): number {
  return (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
}

export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private step = 0;
  private readonly constants: Required<AdamOptions>;

  /** `params` is updated in place. */
  constructor(
    readonly params: Float32Array,
    options: AdamOptions,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
    this.constants = adamConstants(options);
  }

  /** One step on every parameter; `grad` has the length of `params`. */
  applyDense(grad: Float32Array): void {
    const lr = adamStepSize(this.constants, ++this.step);
    const { beta1, beta2, epsilon } = this.constants;
    const { params, m, v } = this;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (lr * mi) / (Math.sqrt(vi) + epsilon);
    }
  }
}
