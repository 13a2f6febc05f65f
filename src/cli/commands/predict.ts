import { coverageSentence, guessSentence } from '@/core/explain/coverage';
import { rankWords } from '@/core/explain/explainWords';
import { SiftError } from '@/core/errors';
import type { Explanation } from '@/core/model/types';
import { explanationRecord, predictionRecord } from '@/core/predictionRecord';
import { Predictor } from '@/core/predictor';
import type { ParsedCommandLine } from '../args';
import { Output, pct, readBytes } from '../io';
import { loadModel, requirePositionals } from './common';

/** Words shown on each side in the human output. */
const WHY_WORDS = 5;

export async function runPredict(cli: ParsedCommandLine, out: Output): Promise<void> {
  if (cli.file !== undefined) return predictFile(cli, cli.file, out);
  const [bundlePath, ...texts] = requirePositionals(cli, 2, 'predict model.sift.zip "some text"');
  const model = await loadModel(bundlePath, cli);
  const predictor = Predictor.create(model);
  const explanations = texts.map((text) => predictor.explain(text));
  const top = cli.top ?? model.manifest.labels.length;
  explanations.forEach(({ prediction: p, ...why }, i) => {
    const ranked = [...p.probabilities].sort((a, b) => b.probability - a.probability).slice(0, top);
    out.line(`${p.label}\t${texts.length > 1 ? texts[i] : ''}`.trimEnd());
    for (const c of ranked) out.line(`  ${c.label.padEnd(16)} ${pct(c.probability).padStart(6)}`);
    for (const line of whyLines(p.label, why)) out.line(`  ${line}`);
  });
  // Each word's push on the log-odds of `label` (they add up to score − emptyScore): as predict.mjs's explain().
  const one = (i: number) => ({ text: texts[i], ...explanationRecord(explanations[i]) });
  out.result(
    texts.length === 1
      ? { command: 'predict', ...one(0) }
      : { command: 'predict', predictions: texts.map((_, i) => one(i)) },
  );
}

/**
 * `predict model.sift.zip --file texts.txt`: one text per line (UTF-8, a BOM and CR before LF
 * dropped; the line break ending the file does not start another text), predicted in one batch
 * without explanations. One human line per text: label, its probability, the text.
 */
async function predictFile(cli: ParsedCommandLine, path: string, out: Output): Promise<void> {
  const [bundlePath, ...extra] = requirePositionals(cli, 1, 'predict model.sift.zip --file texts.txt');
  if (extra.length > 0) throw new SiftError('INVALID_OPTION', 'Give the texts either on the command line or with --file, not both.');
  const texts = linesOf(new TextDecoder('utf-8').decode(await readBytes(path)));
  const predictor = Predictor.create(await loadModel(bundlePath, cli));
  const predictions = predictor.predictMany(texts);
  predictions.forEach((p, i) => {
    const probability = p.probabilities.find((c) => c.label === p.label)?.probability ?? 0;
    out.line(`${p.label}\t${pct(probability)}\t${texts[i]}`);
  });
  out.result({ command: 'predict', predictions: predictions.map((p, i) => ({ text: texts[i], ...predictionRecord(p) })) });
}

/** The lines of a text file: LF or CRLF, without the empty "line" after a final line break. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** "why: +prize 2.71, +claim 1.90 · against: -sorry 0.40" and how much of the text the model knows. */
function whyLines(label: string, why: Omit<Explanation, 'prediction'>): string[] {
  const { coverage } = why;
  const ranked = rankWords(why.words, why.words.map((w) => w.value));
  const push = (list: typeof ranked) => list.map((r) => `${r.word} ${r.value >= 0 ? '+' : '−'}${Math.abs(r.value).toFixed(2)}`).join(', ') || 'none';
  const lines = [
    `toward ${label}: ${push(ranked.filter((r) => r.value > 0).slice(0, WHY_WORDS))}`,
    `away from ${label}: ${push(ranked.filter((r) => r.value < 0).reverse().slice(0, WHY_WORDS))}`,
    coverageSentence(coverage),
  ];
  const guess = guessSentence(coverage);
  if (guess !== null) lines.push(guess);
  return lines;
}
