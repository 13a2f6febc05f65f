import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiftError, type SiftErrorCode } from '../errors';
import type { ModelWeights } from '../model/types';
import { encodeText } from '../text/encode';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { vocabularyIndex } from '../text/vocabulary';
import { Predictor } from '../predictor';
import { bundleFileName, exportBundle } from './export';
import { importBundle } from './import';
import { trecModel } from '../../../tests/helpers/testModel';
import type { SiftModel } from './types';
import { DEFAULT_WEIGHT_FORMAT, WEIGHT_FORMATS, type WeightFormat } from './weightFormat';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * Sift's forward pass written out in plain JS (float64): masked mean of the embeddings of the
 * ids (no padding here) → relu(dense) → softmax(dense).
 */
function referenceForward(w: ModelWeights, ids: Int32Array): number[] {
  const { embeddingDim: d, hiddenUnits: h, numClasses: c } = w.shape;
  const mean = new Array<number>(d).fill(0);
  for (const id of ids) for (let k = 0; k < d; k++) mean[k] += w.embedding[id * d + k] / ids.length;
  const hidden = Array.from({ length: h }, (_, j) => {
    let sum = w.hiddenBias[j];
    for (let k = 0; k < d; k++) sum += mean[k] * w.hiddenKernel[k * h + j];
    return Math.max(0, sum);
  });
  const logits = Array.from({ length: c }, (_, j) => {
    let sum = w.outputBias[j];
    for (let k = 0; k < h; k++) sum += hidden[k] * w.outputKernel[k * c + j];
    return sum;
  });
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

async function expectCode(promise: Promise<unknown>, code: SiftErrorCode, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SiftError);
  expect((error as SiftError).code).toBe(code);
  if (message) expect((error as SiftError).message).toMatch(message);
}

/** Unzips a bundle, lets `change` edit its files, and zips it again. */
function edited(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files as Zippable);
}

function editJson(files: Record<string, Uint8Array>, name: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(strFromU8(files[name])) as Record<string, unknown>;
  change(json);
  files[name] = strToU8(JSON.stringify(json));
}

const model = trecModel();
let bundle: Uint8Array;

/** Loads a bundle's model.json + weights.bin with stock tf.loadLayersModel, as any tfjs program would. */
async function loadWithStockTfjs(bytes: Uint8Array): Promise<tf.LayersModel> {
  const files = unzipSync(bytes);
  const modelJson = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
  const weightData = files['weights.bin'].slice().buffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }));
}

/** The model's manifest as a file in `format` states it (exportBundle writes the format it stores). */
const manifestIn = (format: WeightFormat): SiftModel['manifest'] => ({ ...model.manifest, settings: { ...model.manifest.settings, weights: format } });

const weightsOf = (w: ModelWeights): Float32Array[] => [w.embedding, w.hiddenKernel, w.hiddenBias, w.outputKernel, w.outputBias];

describe('exportBundle / importBundle (float32 weights)', () => {
  beforeAll(async () => {
    bundle = await exportBundle(model, { weights: 'float32' });
  });

  it('writes model.json, weights.bin, sift.json, README.md and the runtime with its page and golden texts', () => {
    const files = unzipSync(bundle);
    expect(Object.keys(files).sort()).toEqual(['README.md', 'example.html', 'golden.json', 'model.json', 'predict.mjs', 'sift.json', 'weights.bin']);
    const modelJson = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    const { vocabSize, embeddingDim, hiddenUnits, numClasses } = model.weights.shape;
    expect(files['weights.bin'].byteLength).toBe(4 * (vocabSize * embeddingDim + embeddingDim * hiddenUnits + hiddenUnits + hiddenUnits * numClasses + numClasses));
    const card = strFromU8(files['README.md']);
    expect(card).toContain('# TREC questions');
    for (const label of model.manifest.labels) expect(card).toContain(label);
    expect(card).toContain('accuracy 81.3%');
    expect(card).toContain('tf.loadLayersModel');
    expect(card).toMatch(/without padding/);
  });

  it('reads back bit-identical weights and an identical manifest', async () => {
    const back = await importBundle(bundle);
    expect(back.manifest).toEqual(manifestIn('float32'));
    expect(back.weights.shape).toEqual(model.weights.shape);
    for (const name of ['embedding', 'hiddenKernel', 'hiddenBias', 'outputKernel', 'outputBias'] as const) {
      expect(back.weights[name]).toBeInstanceOf(Float32Array);
      expect(new Uint32Array(back.weights[name].buffer, back.weights[name].byteOffset, back.weights[name].length)).toEqual(
        new Uint32Array(model.weights[name].buffer, model.weights[name].byteOffset, model.weights[name].length),
      );
    }
  });

  it('opens a bundle saved before calibration and top words were recorded, and writes their card sections when present', async () => {
    expect(model.manifest.calibration).toBeUndefined();
    expect(strFromU8(unzipSync(bundle)['README.md'])).not.toContain('## How sure it is');
    const labels = model.manifest.labels;
    const newer: SiftModel = {
      ...model,
      manifest: {
        ...model.manifest,
        calibration: { temperature: 1.8, fit: 'fitted', examples: 545, eceBefore: 0.061, eceAfter: 0.018, eceBins: 15 },
        topWords: labels.map((label, c) => ({ label, words: c === 0 ? [{ word: 'abbreviation', score: 3.2 }, { word: 'stand', score: 2.1 }] : [] })),
      },
    };
    const bytes = await exportBundle(newer);
    expect((await importBundle(bytes)).manifest).toEqual({ ...newer.manifest, settings: manifestIn(DEFAULT_WEIGHT_FORMAT).settings });
    const card = strFromU8(unzipSync(bytes)['README.md']);
    expect(card).toContain('divided by T = 1.800, fitted on the 545 validation texts');
    expect(card).toContain('0.061 before, 0.018 after');
    expect(card).toContain(`- **${labels[0]}**: \`abbreviation\`, \`stand\``);
    expect(card).toContain(`- **${labels[1]}**: (no word pushes toward it on its own)`);
  });

  it('gives the same bytes for the same model', async () => {
    expect(await exportBundle(model, { weights: 'float32' })).toEqual(bundle);
  });

  it('leaves no tensor behind', async () => {
    await importBundle(await exportBundle(model)); // warm-up: tfjs keeps a few tensors of its own once
    const before = tf.memory().numTensors;
    for (const weights of WEIGHT_FORMATS) await importBundle(await exportBundle(model, { weights }));
    await expectCode(importBundle(edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.labels = ['a', 'b'])))), 'BUNDLE_MISMATCH');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads with plain tf.loadLayersModel and predicts what Sift computes for an unpadded text', async () => {
    const plain = await loadWithStockTfjs(bundle);
    const index = vocabularyIndex({ tokens: model.manifest.vocabulary });
    const texts = readDataset('trec/trec_test.csv').texts.slice(0, 25);
    for (const text of texts) {
      const ids = encodeText(text, index, model.manifest.tokenizer, model.manifest.sequenceLength);
      const probabilities = tf.tidy(() => (plain.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor).dataSync());
      const expected = referenceForward(model.weights, ids);
      expect(probabilities).toHaveLength(expected.length);
      expected.forEach((p, j) => expect(probabilities[j]).toBeCloseTo(p, 5));
    }
    plain.dispose();
  });

  it('refuses to save weights that do not fit the manifest', async () => {
    const wrong: SiftModel = { ...model, manifest: { ...model.manifest, labels: model.manifest.labels.slice(1) } };
    await expectCode(exportBundle(wrong), 'BUNDLE_MISMATCH', /labels/);
    const short: SiftModel = { ...model, weights: { ...model.weights, outputBias: new Float32Array(2) } };
    await expectCode(exportBundle(short), 'BUNDLE_MISMATCH', /outputBias/);
  });
});

describe.each(['float16', 'uint8'] as const)('%s weights', (format) => {
  let compact: Uint8Array;
  beforeAll(async () => {
    compact = await exportBundle(model, { weights: format });
  });

  it('are described by the quantization field of the weights manifest', () => {
    const files = unzipSync(compact);
    const specs = (JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON).weightsManifest[0].weights;
    expect(specs.map((s) => s.name)).toEqual(['embedding/embeddings', 'hidden/kernel', 'hidden/bias', 'output/kernel', 'output/bias']);
    for (const spec of specs) {
      expect(spec.dtype).toBe('float32');
      expect(spec.quantization?.dtype).toBe(format);
      if (format === 'uint8') expect(spec.quantization).toEqual({ dtype: 'uint8', scale: expect.any(Number), min: expect.any(Number) });
    }
    const values = weightsOf(model.weights).reduce((n, w) => n + w.length, 0);
    expect(files['weights.bin'].byteLength).toBe(values * (format === 'float16' ? 2 : 1));
    expect(strFromU8(files['README.md'])).toContain(`weights stored as ${format}`);
  });

  it('read back close to the trained weights, with the same manifest', async () => {
    const back = await importBundle(compact);
    expect(back.manifest).toEqual(manifestIn(format));
    weightsOf(back.weights).forEach((values, i) => {
      const original = weightsOf(model.weights)[i];
      let range = 0;
      let worst = 0;
      for (let j = 0; j < values.length; j++) {
        range = Math.max(range, Math.abs(original[j]));
        worst = Math.max(worst, Math.abs(values[j] - original[j]));
      }
      // uint8: half a step of 2·range / 255; float16: 11 significant bits.
      expect(worst).toBeLessThanOrEqual(format === 'uint8' ? range / 255 + 1e-6 : range * 2 ** -11);
    });
  });

  it('load with stock tf.loadLayersModel, which predicts what Sift computes from the same file', async () => {
    const plain = await loadWithStockTfjs(compact);
    const back = await importBundle(compact);
    const index = vocabularyIndex({ tokens: back.manifest.vocabulary });
    for (const text of readDataset('trec/trec_test.csv').texts.slice(0, 25)) {
      const ids = encodeText(text, index, back.manifest.tokenizer, back.manifest.sequenceLength);
      const probabilities = tf.tidy(() => (plain.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor).dataSync());
      referenceForward(back.weights, ids).forEach((p, j) => expect(probabilities[j]).toBeCloseTo(p, 5));
    }
    plain.dispose();
  });

  it('are smaller than float32 weights', async () => {
    // The bundle's other files are the same whatever the format (this model is small: 48,000
    // weights); float32 and float16 are stored, uint8 deflated (its random weights barely compress).
    const float32 = await exportBundle(model, { weights: 'float32' });
    const values = weightsOf(model.weights).reduce((n, w) => n + w.length, 0);
    expect(float32.byteLength - compact.byteLength).toBeGreaterThan(values * (format === 'uint8' ? 2.9 : 1.99));
  });
});

describe('what a bundle tells about its data', () => {
  it.each(['/home/ana/clients/acme/tickets.csv', 'C:\\Users\\ana\\tickets.csv', 'tickets.csv'])('keeps only the file name of %s', async (fileName) => {
    const named: SiftModel = { ...model, manifest: { ...model.manifest, dataset: { ...model.manifest.dataset, fileName } } };
    const files = unzipSync(await exportBundle(named));
    expect((JSON.parse(strFromU8(files['sift.json'])) as SiftModel['manifest']).dataset.fileName).toBe('tickets.csv');
    const card = strFromU8(files['README.md']);
    expect(card).toContain('- File: tickets.csv,');
    expect(card).not.toMatch(/ana|Users/);
  });

  it('says in the model card that personal data was masked and web addresses kept, or warns that it was not', async () => {
    const masked = strFromU8(unzipSync(await exportBundle(model))['README.md']);
    expect(masked).toMatch(/Personal data was masked/);
    expect(masked).toMatch(/Web addresses \(URLs\) were kept/);
    expect(masked).toContain(`weights stored as ${DEFAULT_WEIGHT_FORMAT}`);
    const keptModel: SiftModel = { ...model, manifest: { ...model.manifest, tokenizer: { ...model.manifest.tokenizer, maskPii: false } } };
    const kept = strFromU8(unzipSync(await exportBundle(keptModel))['README.md']);
    expect(kept).toMatch(/Personal data was NOT masked/);
    expect(kept).toMatch(/may contain e-mail addresses, phone numbers/);
  });
});

describe('a bundle saved by Sift 0.2.0', () => {
  const old = new Uint8Array(readFileSync(new URL('../../../tests/fixtures/sift-0.2.0-sms.sift.zip', import.meta.url)));

  it('opens, and says it was tokenized without masking', async () => {
    const saved = JSON.parse(strFromU8(unzipSync(old)['sift.json'])) as Record<string, Record<string, unknown>>;
    expect(saved.siftVersion).toBe('0.2.0');
    expect('maskPii' in saved.tokenizer || 'maskPii' in saved.settings).toBe(false);
    const opened = await importBundle(old);
    expect(opened.manifest.tokenizer.maskPii).toBe(false);
    expect(opened.manifest.settings.maskPii).toBe(false);
    // Nor does it say how it stores its weights: its model.json does (float32, all 0.2.0 wrote).
    expect(opened.manifest.settings.weights).toBe('float32');
  });

  it('predicts exactly what Sift 0.2.0 predicted, phone numbers included', async () => {
    // From `npm run sift -- predict` of Sift 0.2.0 on this file.
    const expected: [string, number][] = [
      ['Call 08000930705 now to claim your prize', 0.5761143565177917],
      ['ok see you later', 0.12095334380865097],
      ['URGENT! call 09061701461 from a landline', 0.6540308594703674],
    ];
    const predictor = Predictor.create(await importBundle(old));
    for (const [text, spam] of expected) {
      const p = predictor.predict(text).probabilities.find((c) => c.label === 'spam')?.probability;
      expect(p).toBeCloseTo(spam, 6);
    }
  });
});

describe('importBundle rejects damaged or foreign files', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const random = Uint8Array.from({ length: 4096 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 255);
  let uint8: Uint8Array;
  beforeAll(async () => {
    uint8 = await exportBundle(model, { weights: 'uint8' });
  });
  /** The uint8 bundle with its first weight's quantization changed. */
  const quantized = (change: (q: Record<string, unknown>) => void): Uint8Array =>
    edited(uint8, (f) => editJson(f, 'model.json', (j) => change((j as unknown as tf.io.ModelJSON).weightsManifest[0].weights[0].quantization as Record<string, unknown>)));

  it.each<[string, () => Uint8Array, SiftErrorCode, RegExp]>([
    ['random bytes', () => random, 'BAD_BUNDLE', /not a Sift model/],
    ['a PNG image', () => png, 'BAD_BUNDLE', /not a Sift model/],
    ['an empty file', () => new Uint8Array(0), 'BAD_BUNDLE', /not a Sift model/],
    ['a zip of something else', () => zipSync({ 'notes.txt': strToU8('hello') }), 'BAD_BUNDLE', /not a Sift model/],
    ['a zip without sift.json', () => edited(bundle, (f) => delete f['sift.json']), 'BAD_BUNDLE', /sift\.json is missing/],
    ['a zip without weights.bin', () => edited(bundle, (f) => delete f['weights.bin']), 'BAD_BUNDLE', /weights\.bin is missing/],
    ['sift.json that is not JSON', () => edited(bundle, (f) => (f['sift.json'] = strToU8('{"format": "sift-'))), 'BAD_BUNDLE', /not valid JSON/],
    ['sift.json of another format', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.format = 'keras'))), 'BAD_BUNDLE', /not a Sift model/],
    ['a newer format version', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.formatVersion = 2))), 'BUNDLE_VERSION', /newer Sift/],
    ['a format version that is not a number', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.formatVersion = '1'))), 'BAD_BUNDLE', /formatVersion/],
    [
      'missing and mistyped fields',
      () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => {
        delete j.vocabulary;
        j.sequenceLength = 0;
        (j.tokenizer as Record<string, unknown>).cjkCharNgrams = 5;
      })),
      'BAD_BUNDLE',
      /vocabulary must be a list.*sequenceLength must be a whole number.*tokenizer\.cjkCharNgrams/,
    ],
    ['duplicate labels', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.labels = ['ABBR', 'ABBR', 'DESC', 'ENTY', 'HUM', 'LOC']))), 'BAD_BUNDLE', /"ABBR" twice/],
    ['a vocabulary without <pad> and <unk>', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.vocabulary = (j.vocabulary as string[]).slice(2)))), 'BAD_BUNDLE', /<pad>/],
    ['a calibration with a temperature of 0', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.calibration = { temperature: 0, fit: 'fitted', examples: 5, eceBefore: 0.1, eceAfter: 0.05, eceBins: 15 }))), 'BAD_BUNDLE', /calibration\.temperature must be a positive number/],
    ['top words that do not follow the labels', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.topWords = [{ label: 'spam', words: [] }]))), 'BAD_BUNDLE', /topWords must list the labels/],
    ['top words without scores', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.topWords = (j.labels as string[]).map((label) => ({ label, words: [{ word: 'x' }] }))))), 'BAD_BUNDLE', /topWords must be a list/],
    ['settings out of range', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => ((j.settings as Record<string, unknown>).dropout = 3))), 'BAD_BUNDLE', /dropout/],
    ['one token more in the vocabulary than the embedding has rows', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.vocabulary as string[]).push('extra'))), 'BUNDLE_MISMATCH', /3000 rows.*3001 tokens/],
    ['one label fewer than the output layer has classes', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => (j.labels as string[]).pop())), 'BUNDLE_MISMATCH', /6 classes.*5 labels/],
    ['an embedding dimension other than the settings say', () => edited(bundle, (f) => editJson(f, 'sift.json', (j) => ((j.settings as Record<string, unknown>).embeddingDim = 32))), 'BUNDLE_MISMATCH', /embedding dimension is 16/],
    ['a truncated weights.bin', () => edited(bundle, (f) => (f['weights.bin'] = f['weights.bin'].subarray(0, 1000))), 'BAD_BUNDLE', /truncated/],
    ['model.json that is not a tfjs model', () => edited(bundle, (f) => (f['model.json'] = strToU8('{"hello": 1}'))), 'BAD_BUNDLE', /not a TensorFlow\.js model/],
    [
      'weights that are not finite',
      () => edited(bundle, (f) => {
        const weights = f['weights.bin'].slice();
        new Float32Array(weights.buffer)[5] = Number.NaN;
        f['weights.bin'] = weights;
      }),
      'BUNDLE_BAD_WEIGHTS',
      /NaN/,
    ],
    ['a uint8 weight without its scale', () => quantized((q) => delete q.scale), 'BAD_BUNDLE', /without a numeric min and scale/],
    ['a uint8 scale that is not a number', () => quantized((q) => (q.scale = 'big')), 'BAD_BUNDLE', /without a numeric min and scale/],
    ['a quantization TensorFlow.js does not know', () => quantized((q) => (q.dtype = 'int4')), 'BAD_BUNDLE', /stored as int4/],
    ['a uint8 weights.bin one byte short', () => edited(uint8, (f) => (f['weights.bin'] = f['weights.bin'].subarray(1))), 'BAD_BUNDLE', /truncated/],
  ])('%s', async (_name, make, code, message) => {
    await expectCode(importBundle(make()), code, message);
  });

  it('rejects a model of another architecture', async () => {
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await other.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }));
    other.dispose();
    const saved = artifacts as unknown as tf.io.ModelArtifacts;
    const foreign = edited(bundle, (f) => {
      f['model.json'] = strToU8(JSON.stringify({ modelTopology: saved.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }] }));
      f['weights.bin'] = new Uint8Array(tf.io.concatenateArrayBuffers(saved.weightData ?? new ArrayBuffer(0)));
    });
    await expectCode(importBundle(foreign), 'BUNDLE_MISMATCH', /not a Sift classifier/);
  });

  it('accepts a bundle whose files were zipped inside a folder', async () => {
    const nested = edited(bundle, (f) => {
      for (const name of Object.keys(f)) {
        f[`my model/${name}`] = f[name];
        delete f[name];
      }
    });
    expect((await importBundle(nested)).manifest).toEqual(manifestIn('float32'));
  });
});

describe('bundleFileName', () => {
  it.each([
    ['Spam filter v2', 'Spam-filter-v2.sift.zip'],
    ['新闻分类', '新闻分类.sift.zip'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j.sift.zip'],
    ['  ..hidden.. ', 'hidden.sift.zip'],
    ['already.sift.zip', 'already.sift.zip'],
    ['', 'model.sift.zip'],
    ['???', 'model.sift.zip'],
    ['CON', 'CON-model.sift.zip'],
    ['x'.repeat(300), `${'x'.repeat(80)}.sift.zip`],
  ])('%j → %j', (name, expected) => {
    expect(bundleFileName(name)).toBe(expected);
  });
});
