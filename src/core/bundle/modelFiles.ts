/**
 * A model from the three files of an unzipped bundle, with no tfjs and no zip: what the exported
 * runtime (predict.mjs, built from src/runtime/) loads. model.json is checked as importBundle
 * checks it (Sift's architecture, weight specs of the shapes sift.json implies, weights.bin of
 * exactly the size they describe) and the weights are decoded with decodeTensor, which reads
 * them as tfjs does. sift.json is checked for what predicting reads, not against every limit
 * importBundle applies to a file from anywhere (bundle/limits.ts): those checks would double the
 * size of predict.mjs, which loads files its own developer placed beside it.
 */
import { errorMessage, SiftError } from '../errors';
import { OOV_TOKEN, PAD_TOKEN } from '../text/vocabulary';
import { BUNDLE_FILES } from './files';
import { manifestShape } from './topology';
import { BUNDLE_FORMAT_VERSION, type SiftManifest, type SiftModel } from './types';
import { decodeTensor } from './weightFormat';
import { checkedWeightSpecs, storedBytes, storedFormat } from './weightSpecs';

const bad = (message: string): SiftError => new SiftError('BAD_BUNDLE', message);

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(`${name} is damaged: it is not valid JSON (${errorMessage(e)}).`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isTexts = (value: unknown, min: number): value is string[] => Array.isArray(value) && value.length >= min && value.every((v) => typeof v === 'string');

/** sift.json as far as predicting reads it: labels, vocabulary, tokenizer, sequence length and the layer sizes. */
function manifestForPrediction(value: unknown): SiftManifest {
  if (!isRecord(value) || value.format !== 'sift-model') throw bad(`not a Sift model: ${BUNDLE_FILES.manifest} does not say "format": "sift-model".`);
  if (typeof value.formatVersion !== 'number' || value.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new SiftError('BUNDLE_VERSION', `This model was saved by a newer Sift (model format ${String(value.formatVersion)}); this runtime reads format ${BUNDLE_FORMAT_VERSION}.`);
  }
  const { labels, vocabulary, tokenizer, settings } = value;
  const problems = [
    !isTexts(labels, 2) && 'labels must list at least two texts',
    !(isTexts(vocabulary, 2) && vocabulary[0] === PAD_TOKEN && vocabulary[1] === OOV_TOKEN) && `vocabulary must be texts starting with "${PAD_TOKEN}" and "${OOV_TOKEN}"`,
    !isWhole(value.sequenceLength) && 'sequenceLength must be a whole number',
    !(isRecord(tokenizer) && typeof tokenizer.locale === 'string' && typeof tokenizer.lowercase === 'boolean' && typeof tokenizer.wordBigrams === 'boolean') &&
      'tokenizer must give locale, lowercase and wordBigrams',
    !(isRecord(settings) && isWhole(settings.embeddingDim) && isWhole(settings.hiddenUnits)) && 'settings must give embeddingDim and hiddenUnits',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw bad(`${BUNDLE_FILES.manifest} is damaged: ${problems.join('; ')}.`);
  // Bundles of Sift 0.2.0 were tokenized without masking and do not say so (as validateManifest reads them).
  if (isRecord(tokenizer) && tokenizer.maskPii === undefined) tokenizer.maskPii = false;
  return value as unknown as SiftManifest;
}

/**
 * @param siftJson sift.json's text
 * @param modelJson model.json's text
 * @param weights weights.bin's bytes
 * @throws SiftError BAD_BUNDLE, BUNDLE_VERSION, BUNDLE_MISMATCH
 */
export function modelFromFiles(siftJson: string, modelJson: string, weights: Uint8Array): SiftModel {
  const manifest = manifestForPrediction(parseJson(siftJson, BUNDLE_FILES.manifest));
  const shape = manifestShape(manifest);
  const specs = checkedWeightSpecs(parseJson(modelJson, BUNDLE_FILES.model), shape);
  manifest.settings.weights = storedFormat(specs) ?? manifest.settings.weights;
  const expected = storedBytes(specs);
  if (weights.byteLength !== expected) {
    throw bad(`${BUNDLE_FILES.weights} has ${weights.byteLength} bytes but ${BUNDLE_FILES.model} describes ${expected}: the file is truncated or the files come from different models.`);
  }
  const arrays: Float32Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = storedBytes([spec]);
    arrays.push(decodeTensor(spec, weights.subarray(offset, offset + size)));
    offset += size;
  }
  const [embedding, hiddenKernel, hiddenBias, outputKernel, outputBias] = arrays;
  return { manifest, weights: { shape, embedding, hiddenKernel, hiddenBias, outputKernel, outputBias } };
}
