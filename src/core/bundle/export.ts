import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { SiftError } from '../errors';
import { modelCard } from './card';
import { EXAMPLE_HTML } from './runtimeUsage';
import { BUNDLE_FILES } from './files';
import { goldenFile } from './golden';
import { buildLayersModel, checkWeightSizes } from './layersModel';
import { BUNDLE_LIMITS, checkManifestLimits, checkShapeLimits, tooLarge } from './limits';
import { PREDICT_MODULE } from './predictModule.generated';
import type { SiftManifest, SiftModel } from './types';
import { encodeWeights, storedWeights, type WeightFormat } from './weightFormat';

export interface ExportOptions {
  /**
   * How weights.bin stores the weights (see weightFormat.ts); by default the model's own format,
   * `manifest.settings.weights`, which training already stored its weights in (modelAsStored).
   */
  weights?: WeightFormat;
  /** Validation texts for golden.json (TrainOutcome.goldenTexts); without them it holds Sift's check texts only. */
  goldenTexts?: readonly string[];
}

/** Also here because callers that save a bundle name its file too. */
export { bundleFileName } from './files';

/** The earliest date a zip entry can carry (MS-DOS time); used when createdAt is not a date. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z');

/**
 * Deflate level of weights.bin per format. Measured on SMS spam's weights: float32 4.60 → 4.29 MB
 * and float16 2.23 → 2.07 MB (7%, not worth the time), uint8 1.13 → 0.82 MB (27%: the bytes
 * cluster around the middle), as small at level 1 as at 6 or 9, and faster.
 */
const WEIGHTS_LEVEL: Record<WeightFormat, 0 | 1> = { float32: 0, float16: 0, uint8: 1 };

/**
 * Writes a trained model as NAME.sift.zip bytes: model.json + weights.bin (a standard tfjs Layers
 * model whose weightsManifest points at weights.bin, in the chosen weight format), sift.json (the
 * manifest: tokenizer, vocabulary, labels, settings with the weight format written, metrics),
 * README.md (a model card), predict.mjs (the runtime, src/runtime/), example.html (a page using
 * it) and golden.json (texts with their ids and probabilities, as the file's weights give them).
 * Entries are dated `manifest.createdAt`, so the same model always gives the same bytes. Only the
 * data file's name goes in, never its folder. Creates tensors only inside and disposes them all.
 */
export async function exportBundle(model: SiftModel, options: ExportOptions = {}): Promise<Uint8Array> {
  const format = options.weights ?? model.manifest.settings.weights;
  const { weights } = model;
  // sift.json says how the file stores its weights, whatever the model in memory was told.
  const manifest = withoutFolder({ ...model.manifest, settings: { ...model.manifest.settings, weights: format } });
  checkWeightSizes(weights);
  const mismatches = [
    weights.shape.vocabSize !== manifest.vocabulary.length &&
      `the embedding has ${weights.shape.vocabSize} rows but the vocabulary has ${manifest.vocabulary.length} tokens`,
    weights.shape.numClasses !== manifest.labels.length &&
      `the output layer has ${weights.shape.numClasses} classes but there are ${manifest.labels.length} labels`,
  ].filter((m): m is string => typeof m === 'string');
  if (mismatches.length > 0) throw new SiftError('BUNDLE_MISMATCH', `Cannot save this model: ${mismatches.join('; ')}.`);
  // The reader's limits, applied here too, so that Sift never saves a file it would refuse to open.
  checkShapeLimits(weights.shape);
  checkManifestLimits(manifest as unknown as Record<string, unknown>);

  await tf.ready(); // building layers needs an initialised backend, whichever the caller chose
  const layersModel = buildLayersModel(weights);
  let artifacts: tf.io.ModelArtifacts | null = null;
  try {
    await layersModel.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
      }),
    );
  } finally {
    layersModel.dispose();
  }
  const saved = artifacts as tf.io.ModelArtifacts | null;
  if (saved === null || saved.weightSpecs === undefined || saved.weightData === undefined) {
    throw new Error('TensorFlow.js did not hand over the model to save.');
  }

  const encoded = encodeWeights(saved.weightSpecs, tf.io.concatenateArrayBuffers(saved.weightData), format);
  const modelJson: tf.io.ModelJSON = {
    format: saved.format ?? 'layers-model',
    generatedBy: saved.generatedBy,
    convertedBy: saved.convertedBy ?? null,
    modelTopology: saved.modelTopology ?? {},
    weightsManifest: [{ paths: [BUNDLE_FILES.weights], weights: encoded.specs }],
  };
  const createdAt = new Date(manifest.createdAt);
  const mtime = Number.isNaN(createdAt.getTime()) || createdAt < ZIP_EPOCH ? ZIP_EPOCH : createdAt;
  const json = (value: unknown): Uint8Array => strToU8(JSON.stringify(value, null, 1));
  const manifestBytes = json(manifest);
  // The probabilities of the weights as the file gives them back, not of those handed in.
  const golden = goldenFile({ manifest, weights: storedWeights(weights, format) }, options.goldenTexts ?? []);
  if (manifestBytes.byteLength > BUNDLE_LIMITS.manifestBytes) {
    throw tooLarge(`Cannot save this model: its ${BUNDLE_FILES.manifest} would take ${manifestBytes.byteLength.toLocaleString('en-US')} bytes, more than the ${BUNDLE_LIMITS.manifestBytes.toLocaleString('en-US')} Sift reads back.`);
  }
  return zipSync(
    {
      [BUNDLE_FILES.manifest]: manifestBytes,
      [BUNDLE_FILES.model]: json(modelJson),
      [BUNDLE_FILES.weights]: [encoded.bytes, { level: WEIGHTS_LEVEL[format] }],
      [BUNDLE_FILES.card]: strToU8(modelCard(manifest, { weights: format })),
      [BUNDLE_FILES.runtime]: strToU8(PREDICT_MODULE),
      [BUNDLE_FILES.example]: strToU8(EXAMPLE_HTML),
      [BUNDLE_FILES.golden]: json(golden),
    },
    { level: 6, mtime },
  );
}

/**
 * The manifest with dataset.fileName cut to the file's own name: a CLI user passes a path, and
 * "/home/ana/clients/acme/tickets.csv" would tell whoever gets the model about Ana's folders.
 */
function withoutFolder(manifest: SiftManifest): SiftManifest {
  const { fileName } = manifest.dataset;
  if (fileName === null) return manifest;
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return name === fileName ? manifest : { ...manifest, dataset: { ...manifest.dataset, fileName: name } };
}
