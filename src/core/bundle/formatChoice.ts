import { splitDataset } from '../dataset/split';
import type { Example } from '../dataset/types';
import type { Metrics } from '../model/types';
import { Predictor } from '../predictor';
import { encodeTexts } from '../text/encode';
import { exportBundle } from './export';
import { importBundle } from './import';
import type { SiftModel } from './types';
import { DEFAULT_WEIGHT_FORMAT, WEIGHT_FORMATS, type WeightFormat } from './weightFormat';

/** What saving a model in one weight format gives: the file's size and how well it does once read back. */
export interface WeightFormatOutcome {
  format: WeightFormat;
  /** Size of the NAME.sift.zip file. */
  bytes: number;
  /** Metrics on the given examples of the model as loaded back from that file (null without examples). */
  metrics: Metrics | null;
}

/**
 * For each weight format: exports the model, imports the file again and evaluates it on
 * `examples` (pass the validation split: `validationExamplesOf`), so a person sees what each
 * choice costs before downloading. The texts are encoded once (vocabulary and tokenizer do not
 * depend on the format). Tensors made on the way are disposed.
 */
export async function compareWeightFormats(model: SiftModel, examples: readonly Example[]): Promise<WeightFormatOutcome[]> {
  const { vocabulary, tokenizer, sequenceLength } = model.manifest;
  const corpus = examples.length > 0 ? encodeTexts(examples.map((e) => e.text), null, { tokens: vocabulary }, tokenizer, sequenceLength) : null;
  const outcomes: WeightFormatOutcome[] = [];
  for (const format of WEIGHT_FORMATS) {
    const bytes = await exportBundle(model, { weights: format });
    let metrics: Metrics | null = null;
    if (corpus !== null) {
      const predictor = Predictor.create(await importBundle(bytes));
      metrics = predictor.metricsFromProbabilities(predictor.probabilitiesOfEncoded(corpus), examples);
    }
    outcomes.push({ format, bytes: bytes.byteLength, metrics });
  }
  return outcomes;
}

/**
 * The validation examples a model was checked on during training: the same seeded split of the
 * same examples (the file's usable rows), from the settings saved with the model.
 */
export function validationExamplesOf(model: SiftModel, examples: readonly Example[]): Example[] {
  const { validationShare, seed } = model.manifest.settings;
  return splitDataset([...examples], { validationShare, seed }).validation;
}

/** A bundle written in some weight format, with the metrics of the model as saved. */
export interface SavedBundle {
  bytes: Uint8Array;
  /** The model as the file holds it: its weights as read back, its manifest with those metrics. */
  model: SiftModel;
}

/**
 * Exports `model` in `format` so that the metrics inside the file (sift.json, the model card) are
 * those of the model the file holds: float16 and uint8 weights predict slightly differently from
 * the float32 weights training measured, so the model is read back and measured again on the
 * same validation and test examples (null or empty: that metric is left as it was), and written
 * once more if its metrics changed. The weights written are the same either time.
 */
export async function exportAsMeasured(
  model: SiftModel,
  examples: { validation: readonly Example[] | null; test: readonly Example[] | null },
  format: WeightFormat = DEFAULT_WEIGHT_FORMAT,
): Promise<SavedBundle> {
  const bytes = await exportBundle(model, { weights: format });
  const saved = await importBundle(bytes);
  if (format === 'float32') return { bytes, model: saved };
  const predictor = Predictor.create(saved);
  let metrics: SiftModel['manifest']['metrics'];
  const measure = (list: readonly Example[] | null, previous: Metrics | null): Metrics | null =>
    list !== null && list.length > 0 ? predictor.evaluate([...list]) : previous;
  metrics = { validation: measure(examples.validation, model.manifest.metrics.validation), test: measure(examples.test, model.manifest.metrics.test) };
  if (JSON.stringify(metrics) === JSON.stringify(model.manifest.metrics)) return { bytes, model: saved };
  const remeasured: SiftModel = { weights: model.weights, manifest: { ...model.manifest, metrics } };
  return { bytes: await exportBundle(remeasured, { weights: format }), model: { weights: saved.weights, manifest: { ...saved.manifest, metrics } } };
}
