/**
 * What a word explanation costs, to choose where exact Shapley values give way to sampled ones
 * (src/core/explain/shapley.ts: EXACT_MAX_WORDS, SAMPLING_BUDGET), and how far sampled values are
 * from exact ones. A random model of Sift's default size (embeddingDim 64, hiddenUnits 64, 6
 * classes), texts of n words with their bigrams (2n − 1 tokens, as the default tokenizer gives
 * English), scored by both paths of coalitionScorer: the head's weights ("projected") and a
 * plain-JS headLogits function ("pooled"). Times are CPU milliseconds of this process, medians.
 *
 *   npx tsx bench/explain-cost.ts
 */
import { randomValues } from '../tests/helpers/modelFixtures';
import { coalitionScorer, type BagOfEmbeddings, type DenseHeadWeights } from '../src/core/explain/coalitionScorer';
import { denseHead } from '../tests/helpers/explainPlainHead';
import { wordAttributions, type AttributionOptions } from '../src/core/explain/shapley';

const d = 64;
const h = 64;
const k = 6;
const vocabSize = 2000;
const dense: DenseHeadWeights = {
  hiddenKernel: randomValues(d * h, 2).map((x) => x * 0.5),
  hiddenBias: randomValues(h, 3).map((x) => x * 0.1),
  outputKernel: randomValues(h * k, 4).map((x) => x * 3),
  outputBias: randomValues(k, 5),
};
const pooled: BagOfEmbeddings = {
  embedding: randomValues(vocabSize * d, 1),
  dim: d,
  numClasses: k,
  headLogits: denseHead({ shape: { vocabSize, embeddingDim: d, hiddenUnits: h, numClasses: k }, ...dense }),
};
const projected: BagOfEmbeddings = { ...pooled, dense };

function text(n: number, seed: number): { ids: Int32Array; firstWord: Int32Array; lastWord: Int32Array } {
  const words = randomValues(n, seed).map((x) => Math.floor(((x + 1) / 2) * (vocabSize - 2)) + 2);
  const ids: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  for (let w = 0; w < n; w++) {
    ids.push(words[w]);
    first.push(w);
    last.push(w);
    if (w > 0) {
      ids.push(((words[w - 1] * 31 + words[w]) % (vocabSize - 2)) + 2); // the bigram's row
      first.push(w - 1);
      last.push(w);
    }
  }
  return { ids: Int32Array.from(ids), firstWord: Int32Array.from(first), lastWord: Int32Array.from(last) };
}

function explain(model: BagOfEmbeddings, n: number, seed: number, options: AttributionOptions): { values: Float64Array; ms: number; evaluations: number } {
  const t = text(n, seed);
  // CPU time of this process, not wall-clock: the machine is shared, and waiting is not cost.
  const started = process.cpuUsage();
  const result = wordAttributions(n, t, coalitionScorer(model, t.ids, 0), options);
  const used = process.cpuUsage(started);
  return { values: result.values, ms: (used.user + used.system) / 1000, evaluations: result.evaluations };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const REPEATS = 7;
const timed = (model: BagOfEmbeddings, n: number, seed: number, options: AttributionOptions): string =>
  median(Array.from({ length: REPEATS }, (_, i) => explain(model, n, seed + i, options).ms)).toFixed(1);
for (const model of [pooled, projected]) explain(model, 12, 1, { maxExactWords: 20 }); // compile before timing

console.log('exact: words, coalitions, CPU ms projected, CPU ms pooled');
for (const n of [6, 8, 10, 11, 12, 13, 14]) {
  const evaluations = 2 ** n;
  console.log(`  ${n}\t${evaluations}\t${timed(projected, n, 100, { maxExactWords: 20 })}\t${timed(pooled, n, 100, { maxExactWords: 20 })}`);
}
console.log('sampled, default budget: words, coalitions, CPU ms projected, CPU ms pooled');
for (const n of [13, 30, 100, 256]) {
  const evaluations = explain(projected, n, 1, { maxExactWords: 0 }).evaluations;
  console.log(`  ${n}\t${evaluations}\t${timed(projected, n, 200, { maxExactWords: 0 })}\t${timed(pooled, n, 200, { maxExactWords: 0 })}`);
}
console.log('sampling error at 12 words: budget, |sampled − exact| / max |exact| (mean over words, then worst word), means over 7 texts');
for (const budget of [512, 1024, 2048, 4096, 8192, 16384]) {
  const errors: number[] = [];
  const worst: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const exact = explain(projected, 12, 300 + i, { maxExactWords: 20 }).values;
    const sampled = explain(projected, 12, 300 + i, { maxExactWords: 0, samplingBudget: budget, seed: i }).values;
    const scale = Math.max(...Array.from(exact, Math.abs));
    const diffs = Array.from(exact, (e, w) => Math.abs(sampled[w] - e) / scale);
    errors.push(diffs.reduce((a, b) => a + b, 0) / diffs.length);
    worst.push(Math.max(...diffs));
  }
  const mean = (xs: number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3);
  console.log(`  ${budget}\t${mean(errors)}\t${mean(worst)}`);
}
