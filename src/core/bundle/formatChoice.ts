import type { Metrics } from '../model/types';
import { modelAsStored, type StoredModelEvaluation } from '../modelAsStored';
import { Predictor } from '../predictor';
import { exportBundle } from './export';
import { importBundle } from './import';
import type { SiftModel } from './types';
import { WEIGHT_FORMATS, type WeightFormat } from './weightFormat';

/** What saving a model in one weight format gives: the file, its size, and how well it does once read back. */
export interface WeightFormatOutcome {
  format: WeightFormat;
  /** Size of the NAME.sift.zip file. */
  bytes: number;
  /** Metrics on the validation examples of the model as loaded back from that file (null without examples). */
  metrics: Metrics | null;
  /** The file itself: the model stored in this format, with its sift.json metrics and top words. */
  bundle: Uint8Array;
}

/**
 * For each weight format: the model as that format stores it (modelAsStored, from the calibrated
 * float32 weights training kept), exported, read back from the file and evaluated on the
 * validation examples, so a person sees what each choice costs before downloading one. Tensors
 * made on the way are disposed.
 * @param float32 the model with its calibrated float32 weights (TrainOutcome.float32Weights)
 * @param goldenTexts validation texts for each file's golden.json (TrainOutcome.goldenTexts)
 */
export async function compareWeightFormats(float32: SiftModel, evaluation: StoredModelEvaluation, goldenTexts: readonly string[] = []): Promise<WeightFormatOutcome[]> {
  const outcomes: WeightFormatOutcome[] = [];
  for (const format of WEIGHT_FORMATS) {
    const bundle = await exportBundle(modelAsStored(float32, format, evaluation).model, { goldenTexts });
    const examples = evaluation.validation?.examples ?? [];
    const metrics = examples.length > 0 ? Predictor.create(await importBundle(bundle)).evaluate(examples) : null;
    outcomes.push({ format, bytes: bundle.byteLength, metrics, bundle });
  }
  return outcomes;
}
