import { Predictor } from '@/core/predictor';
import type { ParsedCommandLine } from '../args';
import { Output, pct } from '../io';
import { loadModel, requirePositionals } from './common';

export async function runPredict(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [bundlePath, ...texts] = requirePositionals(cli, 2, 'predict model.sift.zip "some text"');
  const model = await loadModel(bundlePath, cli);
  const predictor = Predictor.create(model);
  const predictions = predictor.predictMany(texts);
  const top = cli.top ?? model.manifest.labels.length;
  predictions.forEach((p, i) => {
    const ranked = [...p.probabilities].sort((a, b) => b.probability - a.probability).slice(0, top);
    out.line(`${p.label}\t${texts.length > 1 ? texts[i] : ''}`.trimEnd());
    for (const c of ranked) out.line(`  ${c.label.padEnd(16)} ${pct(c.probability).padStart(6)}`);
  });
  const one = (i: number) => ({
    text: texts[i],
    label: predictions[i].label,
    probabilities: Object.fromEntries(predictions[i].probabilities.map((c) => [c.label, c.probability])),
  });
  out.result(
    texts.length === 1
      ? { command: 'predict', ...one(0) }
      : { command: 'predict', predictions: texts.map((_, i) => one(i)) },
  );
}
