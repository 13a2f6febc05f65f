/**
 * What the word explanations and the top words cost on a real trained model, in Node, as the
 * worker pays for them: Predictor.explain (the Try box, "Why" under a listed text) on texts of a
 * fixed number of words made of consecutive messages of a labelled file, as the browser bench
 * types them into the Try box (bench/browser/inference.ts) but counting words as Sift segments
 * them (a Chinese title has no spaces, yet ten or more words), and Predictor.topWords (once per
 * training, after fitSeconds).
 *
 *   npm run sift -- train public/samples/sms_spam.csv --out /tmp/sms.sift.zip
 *   npx tsx bench/explain-real.ts /tmp/sms.sift.zip [texts.csv] [words ...]
 *
 * Wall-clock and CPU milliseconds of this process (the machine is shared: CPU time is the cost,
 * wall time what a person would wait), p50 / p95 / max over the texts.
 */
import { readFileSync } from 'node:fs';
import { importBundle } from '../src/core/bundle/import';
import { useBackend } from '../src/core/model/backend';
import { Predictor } from '../src/core/predictor';
import { tokenizeWithWords } from '../src/core/explain/textWords';
import type { TokenizerConfig } from '../src/core/text/types';
import { percentile } from './browser/inference';
import { readLabelledCsv } from './csv';
import { median } from './measure';

const [bundlePath, csvPath = 'public/samples/sms_spam.csv', ...wordCounts] = process.argv.slice(2);
if (!bundlePath) throw new Error('usage: npx tsx bench/explain-real.ts MODEL.sift.zip [texts.csv] [words ...]');
const TEXTS = 60;

await useBackend('cpu'); // importBundle reads model.json with tfjs; prediction itself is plain JS
const model = await importBundle(new Uint8Array(readFileSync(bundlePath)));
const predictor = Predictor.create(model);
const messages = readLabelledCsv(csvPath).map((r) => r.text);
const { shape } = model.weights;
console.log(`${bundlePath}: ${shape.vocabSize} tokens × ${shape.embeddingDim}, hidden ${shape.hiddenUnits}, ${shape.numClasses} classes; texts from ${csvPath}`);

/** `count` texts of exactly `words` words (punctuation not counted), each from consecutive messages, one message further along each time. */
function textsOfWords(tokenizer: TokenizerConfig, count: number, words: number): string[] {
  const texts: string[] = [];
  for (let start = 0; texts.length < count && start < messages.length; start++) {
    let text = '';
    for (let i = start; i < messages.length; i++) {
      text = text === '' ? messages[i] : `${text} ${messages[i]}`;
      const counted = tokenizeWithWords(text, tokenizer).words.filter((w) => !w.punctuation);
      if (counted.length >= words) {
        texts.push(text.slice(0, counted[words - 1].end));
        break;
      }
    }
  }
  if (texts.length < count) throw new Error(`too few words for ${count} texts of ${words} words`);
  return texts;
}

const summary = (xs: number[]): string => `p50 ${median(xs).toFixed(1)} / p95 ${percentile(xs, 95).toFixed(1)} / max ${Math.max(...xs).toFixed(1)}`;
predictor.explain(textsOfWords(model.manifest.tokenizer, 1, 100)[0]); // compile before timing
for (const words of (wordCounts.length > 0 ? wordCounts : ['10', '30', '100']).map(Number)) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const methods = new Set<string>();
  for (const text of textsOfWords(model.manifest.tokenizer, TEXTS, words)) {
    const started = performance.now();
    const usage = process.cpuUsage();
    methods.add(predictor.explain(text).method);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - started);
  }
  console.log(`explain, ${words}-word texts (${TEXTS}, ${[...methods].join('/')}): wall ms ${summary(wall)}; CPU ms ${summary(cpu)}`);
}

const topWall: number[] = [];
const topCpu: number[] = [];
let words = 0;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const usage = process.cpuUsage();
  words = predictor.topWords().reduce((n, c) => n + c.words.length, 0);
  const used = process.cpuUsage(usage);
  topCpu.push((used.user + used.system) / 1000);
  topWall.push(performance.now() - started);
}
console.log(`topWords (${words} words over ${shape.numClasses} classes, vocabulary ${shape.vocabSize}): median of 3, wall ms ${median(topWall).toFixed(0)}, CPU ms ${median(topCpu).toFixed(0)}`);
