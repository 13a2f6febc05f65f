/**
 * `sift issues DATA.csv`: rows whose label is probably wrong (confident learning over
 * out-of-fold predictions), most suspicious first. Reads the file and picks the settings exactly
 * as `train` does, so each fold's model is the model `train` would make from its rows.
 */
import { loadDataset } from '@/core/dataset/load';
import { SiftError } from '@/core/errors';
import { DEFAULT_FOLDS } from '@/core/quality/folds';
import { findLabelIssues, type LabelIssue } from '@/core/quality/findLabelIssues';
import { resolveSettings, settingsFor } from '@/core/settings';
import type { ParsedCommandLine } from '../args';
import { Output, pct, readBytes } from '../io';
import { assertTrainable, CLI_DEFAULT_BACKEND, requirePositionals } from './common';
import { printDataset } from './inspect';
import { backendWords } from '../backendWords';

/** Texts in the human listing are cut to this many characters, on one line. */
const TEXT_WIDTH = 100;

export async function runIssues(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [path] = requirePositionals(cli, 1, 'issues DATA.csv');
  const folds = cli.folds ?? DEFAULT_FOLDS;
  if (!Number.isInteger(folds) || folds < 2) throw new SiftError('INVALID_OPTION', `--folds must be a whole number of at least 2 (got ${folds}).`);
  if (cli.top !== undefined && (!Number.isInteger(cli.top) || cli.top < 1)) {
    throw new SiftError('INVALID_OPTION', `--top must be a whole number of at least 1 (got ${cli.top}).`);
  }
  const overrides = { backend: CLI_DEFAULT_BACKEND, ...cli.settings };
  resolveSettings(overrides); // a bad option fails now, before minutes of reading and training
  const dataset = loadDataset(await readBytes(path), cli.read);
  printDataset(out, path, dataset);
  assertTrainable(dataset);
  const settings = settingsFor(dataset.report, overrides);

  out.line(`\nTraining ${folds} models, each on all rows but one fold of ${dataset.examples.length}, with the settings train would use.`);
  let backendShown = false;
  const started = performance.now();
  const report = await findLabelIssues(
    dataset.examples,
    settings,
    { folds, seed: settings.seed },
    {
      onBackend: (b) => {
        if (!backendShown) out.line(`Backend: ${backendWords(b)}`);
        backendShown = true;
      },
      onProgress: (p) =>
        out.progress(
          p.fraction,
          `fold ${p.fold}/${p.folds}${p.epoch > 0 ? ` epoch ${p.epoch}` : ''}${p.etaSeconds === null ? '' : `, about ${Math.ceil(p.etaSeconds)} s left`}`,
        ),
      onFold: (f) =>
        out.line(`fold ${f.fold}/${folds}: trained on ${f.trainExamples}, predicted ${f.heldOut}; ${f.epochs} epochs, kept ${f.bestEpoch}; ${f.seconds.toFixed(1)} s`),
    },
  );
  const seconds = (performance.now() - started) / 1000;

  const top = cli.top === undefined ? null : report.ranked.slice(0, cli.top);
  out.line('');
  out.line(
    `${report.flagged.length} of ${report.ranked.length} rows may be mislabelled (confident learning, ${folds} folds, ${seconds.toFixed(1)} s)` +
      (report.flagged.length > 0 || top ? ', most suspicious first:' : '.'),
  );
  for (const issue of top ?? report.flagged) out.line(issueLine(issue));
  if (top) out.line(`(the ${top.length} most suspicious rows; * = flagged)`);

  out.result({
    command: 'issues',
    rows: report.ranked.length,
    folds,
    seconds,
    flagged: report.flagged.map((r) => ({ row: r.row, label: r.label, suggested: r.suggested, selfConfidence: significant(r.selfConfidence) })),
    ranked: (top ?? report.ranked).map((r) => r.row),
  });
}

function issueLine(r: LabelIssue): string {
  const text = r.text.replace(/\s+/g, ' ');
  const shown = text.length > TEXT_WIDTH ? `${text.slice(0, TEXT_WIDTH - 1)}…` : text;
  const sure = r.suggested === r.label ? `${r.label} ${pct(r.selfConfidence)}` : `${r.label} ${pct(r.selfConfidence)}, ${r.suggested} ${pct(r.suggestedProbability)}`;
  return `${r.flagged ? '*' : ' '} row ${r.row}: ${r.label}${r.suggested === r.label ? '' : ` → ${r.suggested}`} (${sure})  ${shown}`;
}

/** Float32 probabilities to 6 significant digits: no spurious digits in the JSON, tiny values kept. */
function significant(x: number): number {
  return Number(x.toPrecision(6));
}
