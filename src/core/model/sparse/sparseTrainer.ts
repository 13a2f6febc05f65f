/**
 * The 'sparse' training path (../graph/ is the 'graph' one; ../trainingPath.ts picks between them).
 * One model being trained: its weights, optimiser state, and one training / evaluation step.
 * The epoch loop, callbacks and early stopping live in ../train.ts.
 *
 * How a step is split between JS and the tfjs backend, and why (figures: docs/decisions.md):
 * - Embedding bag in JS (batch.ts): the masked mean of each text's rows is an O(N × d) loop over
 *   the table; tfjs' gather kernel took 2–6 ms per 1,000 rows of 64 on wasm and cpu, more than the
 *   whole rest of the step. Its gradient is the transpose, an O(N × d) scatter-add into only the
 *   touched rows, and row-wise Adagrad updates just those rows (rowAdagrad.ts), which is exact.
 * - Dense layers on the backend (head.ts): forward and hand-written backward, one read of the
 *   results per step (the gradients are needed in JS anyway, so this read is the step's only
 *   sync, and it is also where loss and accuracy come from).
 * - Dense-layer Adam in JS: tfjs' Adam runs ~15 ops per variable per step; the head's ~5k
 *   parameters update in microseconds in JS and travel back with the next step's upload.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../random';
import { poolBatch, rowGradients, touchedRows, type BagBatch } from '../batch';
import { Adam } from './adam';
import { RowAdagrad } from './rowAdagrad';
import { headGradients, headLogits, transposed, type HeadTensors } from '../head';
import { rowCrossEntropy } from '../rowMath';
import { copyWeights, dropoutMask, PredictedClasses, EMBEDDING_LEARNING_RATE_SCALE, lossTargets, scoreLogits, type EvalResult, type InitialWeights, type StepResult, type StepTrainer, type TrainerOptions } from '../stepTrainer';
import type { ModelShape, ModelWeights } from '../types';

/** The dense layers' weights as tensors for one step or evaluation. */
function headTensors(w: ModelWeights): HeadTensors {
  const { embeddingDim: d, hiddenUnits: h, numClasses: k } = w.shape;
  return {
    hiddenKernel: tf.tensor2d(w.hiddenKernel, [d, h]),
    hiddenBias: tf.tensor1d(w.hiddenBias),
    outputKernel: tf.tensor2d(w.outputKernel, [h, k]),
    outputBias: tf.tensor1d(w.outputBias),
  };
}

/** The 'sparse' training path (see the file comment). */
export class SparseTrainer implements StepTrainer {
  readonly path = 'sparse';
  /** The current weights; the optimisers update these arrays in place. */
  private readonly current: ModelWeights;
  private readonly embeddingOptimizer: RowAdagrad;
  private readonly headAdams: [Adam, Adam, Adam, Adam];
  /** Scratch for touchedRows: -1 everywhere between calls. */
  private readonly slots: Int32Array;
  private readonly dropoutRandom: () => number;
  /** Reused by rowGradients; grown to the largest batch's touched rows × d. */
  private gradScratch = new Float32Array(0);

  /** `ownership` 'adopt' trains `initial`'s arrays in place instead of copying them. */
  constructor(
    initial: ModelWeights,
    private readonly options: TrainerOptions,
    ownership: InitialWeights = 'copy',
  ) {
    this.current = ownership === 'adopt' ? initial : copyWeights(initial);
    const adam = { learningRate: options.learningRate };
    const w = this.current;
    this.embeddingOptimizer = new RowAdagrad(w.embedding, w.shape.embeddingDim, options.learningRate * EMBEDDING_LEARNING_RATE_SCALE);
    this.headAdams = [new Adam(w.hiddenKernel, adam), new Adam(w.hiddenBias, adam), new Adam(w.outputKernel, adam), new Adam(w.outputBias, adam)];
    this.slots = new Int32Array(w.shape.vocabSize).fill(-1);
    this.dropoutRandom = createRandom(options.seed);
  }

  get shape(): ModelShape {
    return this.current.shape;
  }

  /** One optimisation step on a labelled batch. */
  step(batch: BagBatch): StepResult {
    const { embeddingDim: d, numClasses: k } = this.current.shape;
    const B = batch.size;
    const touched = touchedRows(batch, this.slots);
    const pooled = poolBatch(this.current.embedding, d, batch);
    const mask = dropoutMask(this.options.dropout, B, d, this.dropoutRandom);
    if (mask) for (let i = 0; i < pooled.length; i++) pooled[i] *= mask[i];
    const { targets, scale } = lossTargets(batch, k, this.options.classWeights);

    const w = this.current;
    const h = w.shape.hiddenUnits;
    const head = headTensors(w);
    const inputs = [tf.tensor2d(pooled, [B, d]), tf.tensor2d(targets, [B, k]), tf.tensor2d(scale, [B, 1])] as const;
    const transposes = {
      pooledT: tf.tensor2d(transposed(pooled, B, d), [d, B]),
      hiddenKernelT: tf.tensor2d(transposed(w.hiddenKernel, d, h), [h, d]),
      outputKernelT: tf.tensor2d(transposed(w.outputKernel, h, k), [k, h]),
    };
    const grads = headGradients(inputs[0], inputs[1], inputs[2], head, transposes);
    const logits = grads.logits.dataSync() as Float32Array;
    const dPooled = grads.pooled.dataSync() as Float32Array;
    const dHead = [grads.hiddenKernel, grads.hiddenBias, grads.outputKernel, grads.outputBias].map((t) => t.dataSync() as Float32Array);
    tf.dispose([...inputs]);
    tf.dispose(head);
    tf.dispose(transposes);
    tf.dispose(grads);

    // Update only after every tensor made from these arrays is gone: the cpu backend may keep a
    // reference to an uploaded array instead of copying it.
    if (mask) for (let i = 0; i < dPooled.length; i++) dPooled[i] *= mask[i];
    const needed = touched.rows.length * d;
    if (this.gradScratch.length < needed) this.gradScratch = new Float32Array(Math.max(needed, 2 * this.gradScratch.length));
    this.embeddingOptimizer.applyRows(touched.rows, rowGradients(batch, touched, dPooled, d, this.gradScratch));
    for (let i = 0; i < 4; i++) this.headAdams[i].applyDense(dHead[i]);

    return scoreLogits(logits, batch.labels, k, scale);
  }

  /** Mean unweighted cross-entropy and accuracy over labelled batches, without dropout. */
  evaluate(batches: Iterable<BagBatch>): EvalResult {
    const { embeddingDim: d, numClasses: k } = this.current.shape;
    let lossSum = 0;
    let correct = 0;
    let count = 0;
    const predicted = new PredictedClasses(k);
    const head = headTensors(this.current);
    try {
      for (const batch of batches) {
        const pooled = poolBatch(this.current.embedding, d, batch);
        const logitsT = tf.tidy(() => headLogits(tf.tensor2d(pooled, [batch.size, d]), head));
        const logits = logitsT.dataSync() as Float32Array;
        logitsT.dispose();
        for (let b = 0; b < batch.size; b++) {
          lossSum += rowCrossEntropy(logits, b * k, k, batch.labels[b]);
          if (predicted.mark(logits, b * k, k) === batch.labels[b]) correct++;
        }
        count += batch.size;
      }
    } finally {
      tf.dispose(head);
    }
    return { loss: count ? lossSum / count : 0, accuracy: count ? correct / count : 0, predictedClasses: predicted.count() };
  }

  /** A copy of the current weights, into `into` when given. */
  weights(into?: ModelWeights): ModelWeights {
    return copyWeights(this.current, into);
  }

  /** Nothing to free: the sparse path keeps its weights in JS and makes tensors per step. */
  dispose(): void {}
}
