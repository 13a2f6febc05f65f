/**
 * A stand-in for a training step on WebGL whose context is lost mid-run, for tests in Node: a
 * real trainer until step `breakAt`, then what tfjs gives on a lost context (every read is zeros:
 * equal logits, so the loss is ln k and every text is "predicted" as class 0), or a step that
 * throws, or a NaN loss. The real trainer's weights stay where they were, as the sparse path's
 * JS-held weights do.
 */
import type { BagBatch } from '@/core/model/batch';
import type { EvalResult, StepResult, StepTrainer } from '@/core/model/stepTrainer';
import type { ModelShape, ModelWeights, TrainingPath } from '@/core/model/types';

export type LostContextBehaviour = 'zeros' | 'throws' | 'nan';

export class LostContextTrainer implements StepTrainer {
  steps = 0;
  /** The token ids of every batch stepped on, in order (to compare shuffles). */
  readonly batchIds: Int32Array[] = [];

  constructor(
    private readonly real: StepTrainer,
    private readonly breakAt: number,
    private readonly behaviour: LostContextBehaviour = 'zeros',
  ) {}

  get path(): TrainingPath {
    return this.real.path;
  }

  get shape(): ModelShape {
    return this.real.shape;
  }

  /** True once the context is "lost". */
  get lost(): boolean {
    return this.steps >= this.breakAt;
  }

  step(batch: BagBatch): StepResult {
    this.batchIds.push(batch.ids.slice());
    if (!this.lost) {
      this.steps++;
      return this.real.step(batch);
    }
    this.steps++;
    switch (this.behaviour) {
      case 'throws':
        throw new Error('CONTEXT_LOST_WEBGL');
      case 'nan':
        return { loss: Number.NaN, correct: 0 };
      case 'zeros':
        return { loss: Math.log(this.shape.numClasses), correct: batch.labels.filter((c) => c === 0).length };
    }
  }

  evaluate(batches: Iterable<BagBatch>): EvalResult {
    if (!this.lost) return this.real.evaluate(batches);
    let count = 0;
    let zeros = 0;
    for (const batch of batches) {
      count += batch.size;
      zeros += batch.labels.filter((c) => c === 0).length;
    }
    return { loss: Math.log(this.shape.numClasses), accuracy: zeros / count, predictedClasses: 1 };
  }

  weights(into?: ModelWeights): ModelWeights {
    return this.real.weights(into);
  }

  dispose(): void {
    this.real.dispose();
  }
}
