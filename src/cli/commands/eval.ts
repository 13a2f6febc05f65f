import { loadDataset } from '@/core/dataset/load';
import type { ReadOptions } from '@/core/dataset/types';
import { EvaluatedTexts, type TextListPage } from '@/core/model/evaluatedTexts';
import type { Metrics } from '@/core/model/types';
import { Predictor } from '@/core/predictor';
import type { ParsedCommandLine } from '../args';
import { Output, pct, readBytes } from '../io';
import { loadModel, requirePositionals } from './common';

export async function runEval(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [bundlePath, dataPath] = requirePositionals(cli, 2, 'eval model.sift.zip TEST.csv');
  const model = await loadModel(bundlePath, cli);
  const bytes = await readBytes(dataPath);
  const dataset = loadDataset(bytes, withTrainingColumns(bytes, cli.read, model.manifest.dataset));
  const predictor = Predictor.create(model);
  const probabilities = predictor.probabilities(dataset.examples.map((e) => e.text));
  const metrics = predictor.metricsFromProbabilities(probabilities, dataset.examples);
  const mistakes = new EvaluatedTexts(dataset.examples, probabilities, predictor.labels).page({ kind: 'mistakes' }, 0, MISTAKES_LISTED);
  out.line(`${dataPath}: ${metrics.examples} examples`);
  printMetrics(out, metrics);
  printMistakes(out, mistakes);
  out.result({ command: 'eval', file: dataPath, ...metrics, mistakes: { total: mistakes.total, items: mistakes.items } });
}

/** The most confidently wrong texts listed (human output: the first 10; --json: all of these). */
const MISTAKES_LISTED = 50;
const MISTAKES_SHOWN = 10;

function printMistakes(out: Output, page: TextListPage): void {
  if (page.total === 0) return;
  out.line(`  most confident mistakes (${Math.min(MISTAKES_SHOWN, page.total)} of ${page.total})`);
  for (const m of page.items.slice(0, MISTAKES_SHOWN)) {
    const text = m.text.replace(/\s+/g, ' ');
    out.line(`    row ${m.row}: ${m.trueLabel} → ${m.predictedLabel} ${pct(m.predictedProbability)}  ${text.length > 70 ? `${text.slice(0, 69)}…` : text}`);
  }
}

/**
 * A test file usually has the training file's column names; use them unless the person said
 * otherwise, falling back to detection when the names are absent.
 */
export function withTrainingColumns(
  bytes: Uint8Array,
  read: ReadOptions,
  trained: { textColumn: string; labelColumn: string },
): ReadOptions {
  if (read.textColumn !== undefined || read.labelColumn !== undefined) return read;
  try {
    const probe = loadDataset(bytes, read);
    if (probe.columns.includes(trained.textColumn) && probe.columns.includes(trained.labelColumn)) {
      return { ...read, textColumn: trained.textColumn, labelColumn: trained.labelColumn };
    }
  } catch {
    // The real load below reports the file's problem with its own message.
  }
  return read;
}

export function printMetrics(out: Output, m: Metrics): void {
  out.line(`  accuracy   ${pct(m.accuracy)}`);
  out.line(`  macro-F1   ${pct(m.macroF1)}`);
  const width = Math.max(5, ...m.perClass.map((c) => c.label.length));
  out.line(`  ${'class'.padEnd(width)}  precision  recall     F1  support`);
  for (const c of m.perClass) {
    out.line(
      `  ${c.label.padEnd(width)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${pct(c.f1).padStart(6)}  ${String(c.support).padStart(7)}`,
    );
  }
  if (m.labels.length <= 12) {
    out.line('  confusion (rows: true, columns: predicted)');
    const cell = Math.max(5, ...m.confusion.flat().map((n) => String(n).length));
    out.line(`  ${''.padEnd(width)}  ${m.labels.map((l) => l.slice(0, cell).padStart(cell)).join(' ')}`);
    m.confusion.forEach((row, i) => {
      out.line(`  ${m.labels[i].padEnd(width)}  ${row.map((n) => String(n).padStart(cell)).join(' ')}`);
    });
  }
}
