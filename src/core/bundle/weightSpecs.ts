/**
 * model.json's weight specs checked against the shape sift.json implies, with no tfjs at run
 * time: importBundle (bundle/import.ts) and the exported runtime (src/runtime/predict.ts) both
 * read a bundle's weights through these checks.
 */
import type * as tf from '@tensorflow/tfjs';
import { SiftError } from '../errors';
import type { ModelShape } from '../model/types';
import { BUNDLE_FILES } from './files';
import { weightValueCounts } from './limits';
import { checkTopology } from './topology';
import { WEIGHT_FORMATS, type WeightFormat } from './weightFormat';

const bad = (message: string): SiftError => new SiftError('BAD_BUNDLE', message);
const count = (n: number): string => n.toLocaleString('en-US');

/** Bytes per stored value of each dtype a Sift bundle may hold, quantized ones included. */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, float16: 2, uint16: 2, uint8: 1 };
const QUANTIZED_DTYPES = ['float16', 'uint16', 'uint8'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const valuesOf = (spec: tf.io.WeightsManifestEntry): number => spec.shape.reduce((product, size) => product * size, 1);
const storedDtype = (spec: tf.io.WeightsManifestEntry): string => spec.quantization?.dtype ?? spec.dtype;

/**
 * model.json's topology must be Sift's architecture at the shape sift.json implies, and its
 * weight specs exactly Sift's five arrays at that shape (float32, or quantized to float16, uint16
 * or uint8), in one weights.bin. Returns the specs in weights.bin's order.
 */
export function checkedWeightSpecs(modelJson: unknown, shape: ModelShape): tf.io.WeightsManifestEntry[] {
  if (!isRecord(modelJson) || !isRecord(modelJson.modelTopology) || !Array.isArray(modelJson.weightsManifest)) {
    throw bad(`${BUNDLE_FILES.model} is damaged: it is not a TensorFlow.js model (no modelTopology or weightsManifest).`);
  }
  const names = checkTopology(modelJson.modelTopology, shape);
  const groups = modelJson.weightsManifest as unknown[];
  const group = groups[0];
  if (
    groups.length !== 1 ||
    !isRecord(group) ||
    !Array.isArray(group.paths) ||
    group.paths.length !== 1 ||
    group.paths[0] !== BUNDLE_FILES.weights ||
    !Array.isArray(group.weights)
  ) {
    throw bad(`${BUNDLE_FILES.model} is damaged: its weightsManifest must name one file, ${BUNDLE_FILES.weights}.`);
  }
  const expected = weightValueCounts(shape);
  const expectedShapes: [string, number[]][] = [
    [names.embedding, [shape.vocabSize, shape.embeddingDim]],
    [names.hiddenKernel, [shape.embeddingDim, shape.hiddenUnits]],
    [names.hiddenBias, [shape.hiddenUnits]],
    [names.outputKernel, [shape.hiddenUnits, shape.numClasses]],
    [names.outputBias, [shape.numClasses]],
  ];
  const specs = group.weights as unknown[];
  if (specs.length !== expectedShapes.length) {
    throw new SiftError('BUNDLE_MISMATCH', `${BUNDLE_FILES.model} lists ${specs.length} weight arrays; a Sift classifier has ${expectedShapes.length}.`);
  }
  return specs.map((spec, i) => {
    const [name, dims] = expectedShapes[i];
    if (!isRecord(spec) || spec.name !== name || !Array.isArray(spec.shape) || spec.shape.length !== dims.length || spec.shape.some((s, j) => s !== dims[j])) {
      throw new SiftError(
        'BUNDLE_MISMATCH',
        `${BUNDLE_FILES.model}'s weight ${i + 1} should be ${name} of shape [${dims.join(', ')}] (${count(expected[i])} values), as sift.json implies.`,
      );
    }
    const quantization = spec.quantization;
    const quantized = isRecord(quantization) ? quantization.dtype : undefined;
    if (spec.dtype !== 'float32' || (quantization !== undefined && !QUANTIZED_DTYPES.includes(String(quantized)))) {
      throw bad(`${BUNDLE_FILES.model} is damaged: weight ${name} is stored as ${String(quantized ?? spec.dtype)}, not float32, float16, uint16 or uint8.`);
    }
    // uint8/uint16 store (value − min) / scale: without finite numbers for both, tfjs would decode NaN.
    if (isRecord(quantization) && quantized !== 'float16' && !(Number.isFinite(quantization.min) && Number.isFinite(quantization.scale))) {
      throw bad(`${BUNDLE_FILES.model} is damaged: weight ${name} is stored as ${String(quantized)} without a numeric min and scale.`);
    }
    return spec as unknown as tf.io.WeightsManifestEntry;
  });
}

/** weights.bin's exact size for these specs: each value at the bytes of the dtype it is stored as. */
export function storedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, spec) => sum + valuesOf(spec) * BYTES_PER_VALUE[storedDtype(spec)], 0);
}

/**
 * The weight format of a file whose tensors are all stored alike (as Sift writes them), from its
 * specs; null for a mix or a dtype Sift does not write (uint16). A bundle's own word for how it
 * stores its weights: sift.json of Sift 0.2.0 does not say.
 */
export function storedFormat(specs: readonly tf.io.WeightsManifestEntry[]): WeightFormat | null {
  const dtypes = new Set(specs.map(storedDtype));
  const [only] = dtypes;
  return dtypes.size === 1 && (WEIGHT_FORMATS as readonly string[]).includes(only) ? (only as WeightFormat) : null;
}
