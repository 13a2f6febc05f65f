import * as tf from '@tensorflow/tfjs';

/**
 * tfjs prints an "install tfjs-node" banner and kernel-registration warnings on first use in Node;
 * tfjs-node cannot be installed here (it downloads a binary), so the advice only adds noise.
 * PROD mode silences tfjs's own warnings without hiding Sift's messages.
 */
export function quietTensorflow(): void {
  tf.env().set('PROD', true);
}
