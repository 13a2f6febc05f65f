/**
 * predict.mjs, the runtime inside every bundle: Sift's own tokenizer, masking, classifier and
 * word explanations, bundled into one ES module with no imports (npm run build:runtime), so a
 * page or a Node program predicts with an unzipped bundle and nothing else. It is the code the
 * Try box and `sift predict` run (Predictor → Classifier → explainWords), not a copy of it.
 *
 *   const model = await loadFromUrl('.');            // in a page, next to the bundle's files
 *   const model = await load({ 'model.json': …, 'weights.bin': …, 'sift.json': … });
 *   model.predict('some text');  // { label, probabilities: { [label]: p } }
 *   model.explain('some text');  // the same, with each word's push (as sift predict --json)
 */
import { BUNDLE_FILES } from '../core/bundle/files';
import { modelFromFiles } from '../core/bundle/modelFiles';
import type { SiftManifest } from '../core/bundle/types';
import { SiftError } from '../core/errors';
import { explanationRecord, predictionRecord, type ExplanationRecord, type PredictionRecord } from '../core/predictionRecord';
import { Predictor } from '../core/predictor';

/** One file's contents: bytes, or (for the two JSON files) text. A Node Buffer is a Uint8Array. */
export type BundleFile = Uint8Array | ArrayBuffer | string;

/** The three files of an unzipped bundle that a prediction needs, by name. */
export interface BundleFiles {
  'model.json': BundleFile;
  'weights.bin': BundleFile;
  'sift.json': BundleFile;
}

export interface SiftRuntimeModel {
  /** The model's name, labels (class order) and full sift.json. */
  readonly name: string;
  readonly labels: readonly string[];
  readonly manifest: SiftManifest;
  /** The most likely label and every label's probability. */
  predict(text: string): PredictionRecord;
  /** predict(text) with each word's push toward or away from the label, and how much of the text the model knows. */
  explain(text: string): ExplanationRecord;
  /** The token ids the model reads for `text` (golden.json lists them for its texts). */
  tokenIds(text: string): number[];
}

const asText = (file: BundleFile): string => (typeof file === 'string' ? file : new TextDecoder().decode(file));

function asBytes(file: BundleFile, name: string): Uint8Array {
  if (file instanceof Uint8Array) return file;
  if (file instanceof ArrayBuffer) return new Uint8Array(file);
  throw new SiftError('BAD_BUNDLE', `${name} must be given as bytes (a Uint8Array or an ArrayBuffer), not as text.`);
}

/**
 * A model from the three files, checked as Sift checks a bundle it opens.
 * @throws SiftError (with a `code`) when a file is missing, damaged or from another model
 */
export async function load(files: BundleFiles): Promise<SiftRuntimeModel> {
  const missing = [BUNDLE_FILES.model, BUNDLE_FILES.weights, BUNDLE_FILES.manifest].filter((name) => files?.[name] === undefined);
  if (missing.length > 0) throw new SiftError('BAD_BUNDLE', `load() needs ${missing.join(', ')}.`);
  const model = modelFromFiles(asText(files['sift.json']), asText(files['model.json']), asBytes(files['weights.bin'], BUNDLE_FILES.weights));
  const predictor = Predictor.create(model);
  return {
    name: model.manifest.name,
    labels: model.manifest.labels,
    manifest: model.manifest,
    predict: (text) => predictionRecord(predictor.predict(String(text))),
    explain: (text) => explanationRecord(predictor.explain(String(text))),
    tokenIds: (text) => Array.from(predictor.encode([String(text)]).ids),
  };
}

/**
 * load() with the three files fetched from the folder `baseUrl` ('.' = the page's own folder).
 * @throws SiftError BAD_BUNDLE when a file cannot be fetched, and what load() throws
 */
export async function loadFromUrl(baseUrl: string | URL = '.'): Promise<SiftRuntimeModel> {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  const folder = new URL(String(baseUrl).replace(/\/*$/, '/'), here);
  const fetchFile = async (name: string): Promise<ArrayBuffer> => {
    const url = new URL(name, folder);
    let response: Response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new SiftError('BAD_BUNDLE', `Could not fetch ${url.href}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!response.ok) throw new SiftError('BAD_BUNDLE', `Could not fetch ${url.href}: HTTP ${response.status}.`);
    return response.arrayBuffer();
  };
  const [model, weights, manifest] = await Promise.all([BUNDLE_FILES.model, BUNDLE_FILES.weights, BUNDLE_FILES.manifest].map(fetchFile));
  return load({ 'model.json': model, 'weights.bin': weights, 'sift.json': manifest });
}
