import { coverageSentence, guessSentence } from '@/core/explain/coverage';
import { rankWords } from '@/core/explain/explainWords';
import type { Explanation } from '@/core/model/types';
import { Predictor } from '@/core/predictor';
import type { ParsedCommandLine } from '../args';
import { Output, pct } from '../io';
import { loadModel, requirePositionals } from './common';

/** Words shown on each side in the human output. */
const WHY_WORDS = 5;

export async function runPredict(cli: ParsedCommandLine, out: Output): Promise<void> {
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
  const one = (i: number) => {
    const { prediction, words, score, emptyScore, coverage } = explanations[i];
    return {
      text: texts[i],
      label: prediction.label,
      probabilities: Object.fromEntries(prediction.probabilities.map((c) => [c.label, c.probability])),
      // Each word's push on the log-odds of `label` (they add up to score − emptyScore).
      words: words.map(({ text, start, end, value, known }) => ({ word: text, start, end, value, known })),
      score,
      emptyScore,
      coverage,
    };
  };
  out.result(
    texts.length === 1
      ? { command: 'predict', ...one(0) }
      : { command: 'predict', predictions: texts.map((_, i) => one(i)) },
  );
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
