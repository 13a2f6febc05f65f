// Runs predict.mjs in plain Node, from a bundle's unzipped folder (the working directory), the way
// a program outside Sift would: `node runtimeRunner.mjs predict|explain|golden [texts.txt]`.
// Prints one JSON value on stdout.
import { readFile } from 'node:fs/promises';
import { load } from './predict.mjs';

const [mode, textsFile = 'texts.txt'] = process.argv.slice(2);
const model = await load({ 'model.json': await readFile('model.json'), 'weights.bin': await readFile('weights.bin'), 'sift.json': await readFile('sift.json') });
const texts = () => readFile(textsFile, 'utf8').then((t) => t.replace(/\n$/, '').split('\n'));

if (mode === 'predict') {
  console.log(JSON.stringify((await texts()).map((text) => model.predict(text))));
} else if (mode === 'explain') {
  console.log(JSON.stringify((await texts()).map((text) => model.explain(text))));
} else if (mode === 'golden') {
  // What a port does with golden.json: same ids, probabilities within 1e-4.
  const golden = JSON.parse(await readFile('golden.json', 'utf8'));
  const failures = golden.texts.filter(({ text, ids, probabilities }) => {
    const mine = model.predict(text).probabilities;
    return JSON.stringify(model.tokenIds(text)) !== JSON.stringify(ids) || golden.labels.some((l) => Math.abs(mine[l] - probabilities[l]) > 1e-4);
  });
  console.log(JSON.stringify({ checked: golden.texts.length, failures: failures.map((f) => f.text) }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
