/**
 * Does the temperature Sift fitted on the validation split carry over to texts it never saw?
 * Expected calibration error (and log-loss) on a held-out labelled file, with the bundle's
 * calibrated weights and with the temperature taken back out (the model as trained).
 *
 *   npm run sift -- train TRAIN.csv --out /tmp/m.sift.zip
 *   npx tsx bench/calibration-heldout.ts /tmp/m.sift.zip TEST.csv
 */
import { readFileSync } from 'node:fs';
import { importBundle } from '../src/core/bundle/import';
import { expectedCalibrationError, withTemperature } from '../src/core/explain/calibration';
import { useBackend } from '../src/core/model/backend';
import { Predictor } from '../src/core/predictor';
import { readLabelledCsv } from './csv';

const [bundlePath, testPath] = process.argv.slice(2);
if (!bundlePath || !testPath) throw new Error('usage: npx tsx bench/calibration-heldout.ts MODEL.sift.zip TEST.csv');

await useBackend('cpu'); // importBundle reads model.json with tfjs; prediction itself is plain JS
const model = await importBundle(new Uint8Array(readFileSync(bundlePath)));
const calibration = model.manifest.calibration;
if (calibration === undefined) throw new Error(`${bundlePath} records no calibration`);
const rows = readLabelledCsv(testPath).filter((r) => model.manifest.labels.includes(r.label));
const labels = Int32Array.from(rows, (r) => model.manifest.labels.indexOf(r.label));
const k = model.manifest.labels.length;

function figures(predictor: Predictor): string {
  const probs = predictor.probabilities(rows.map((r) => r.text));
  let nll = 0;
  labels.forEach((y, i) => (nll -= Math.log(Math.max(probs[i * k + y], 1e-12))));
  return `ECE ${expectedCalibrationError(probs, labels).toFixed(4)}, log-loss ${(nll / rows.length).toFixed(4)}`;
}

const raw = Predictor.create({ ...model, weights: withTemperature(model.weights, 1 / calibration.temperature) });
console.log(`${bundlePath}: T = ${calibration.temperature.toFixed(3)} (${calibration.fit}, ${calibration.examples} validation texts; validation ECE ${calibration.eceBefore?.toFixed(4)} → ${calibration.eceAfter?.toFixed(4)})`);
console.log(`held out, ${rows.length} texts of ${testPath}: as trained ${figures(raw)}; calibrated ${figures(Predictor.create(model))}`);
