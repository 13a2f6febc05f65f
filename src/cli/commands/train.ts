import { bundleFileName, exportBundle } from '@/core/bundle/export';
import { loadDataset } from '@/core/dataset/load';
import type { BatchLog, EpochLog, Metrics, StopReason } from '@/core/model/types';
import { trainFromExamples } from '@/core/pipeline';
import { resolveSettings, settingsFor } from '@/core/settings';
import type { ParsedCommandLine } from '../args';
import { backendWords } from '../backendWords';
import { fixed, Output, pct, readBytes, writeBytes } from '../io';
import { assertTrainable, CLI_DEFAULT_BACKEND, requirePositionals } from './common';
import { withTrainingColumns } from './eval';
import { printDataset } from './inspect';

export async function runTrain(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [path] = requirePositionals(cli, 1, 'train DATA.csv');
  const overrides = { backend: CLI_DEFAULT_BACKEND, ...cli.settings };
  resolveSettings(overrides); // a bad option fails now, before minutes of reading and training
  const dataset = loadDataset(await readBytes(path), cli.read);
  printDataset(out, path, dataset);
  assertTrainable(dataset);
  const textColumn = dataset.columns[dataset.textColumn];
  const labelColumn = dataset.columns[dataset.labelColumn];
  const test = cli.test ? await loadTest(cli, textColumn, labelColumn) : undefined;

  const settings = settingsFor(dataset.report, overrides);
  const started = performance.now();
  const outcome = await trainFromExamples(
    { examples: dataset.examples, test, fileName: path, textColumn, labelColumn, name: cli.name },
    settings,
    {
      onPrepared: (info) =>
        out.line(
          `\nTraining on ${info.trainExamples} examples, validating on ${info.validationExamples}; ` +
            `${info.labels.length} classes, vocabulary ${info.vocabularySize} tokens.`,
        ),
      onBackend: (b) => out.line(`Backend: ${backendWords(b)}`),
      onBatch: (b: BatchLog) =>
        out.progress(
          b.batch / b.batchesPerEpoch,
          `epoch ${b.epoch}/${settings.epochs} batch ${b.batch}/${b.batchesPerEpoch} loss ${fixed(b.loss)} ${Math.round(b.examplesPerSecond)} ex/s`,
        ),
      onEpoch: (e: EpochLog) => out.line(epochLine(e, settings.epochs)),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const { model, validation } = outcome;
  const outPath = cli.out ?? bundleFileName(model.manifest.name);
  await writeBytes(outPath, await exportBundle(model));

  const t = model.manifest.training;
  out.line('');
  out.line(`Stopped: ${STOP_WORDS[t.stopReason]}; kept epoch ${t.bestEpoch} of ${t.history.length}.`);
  out.line(`Validation: accuracy ${pct(validation?.accuracy)}, macro-F1 ${pct(validation?.macroF1)}`);
  if (outcome.test) out.line(`Test (${cli.test}): accuracy ${pct(outcome.test.accuracy)}, macro-F1 ${pct(outcome.test.macroF1)}`);
  out.line(`Trained in ${seconds.toFixed(1)} s on ${t.backend}; model saved to ${outPath}`);

  const epochs = t.history;
  out.result({
    command: 'train',
    file: path,
    out: outPath,
    backend: t.backend,
    seconds,
    trainSeconds: t.seconds,
    fitSeconds: outcome.fitSeconds,
    examplesPerSecond: epochs.length ? epochs.reduce((s, e) => s + e.examplesPerSecond, 0) / epochs.length : 0,
    labels: model.manifest.labels,
    vocabularySize: model.manifest.vocabulary.length,
    trainExamples: t.trainExamples,
    validationExamples: t.validationExamples,
    bestEpoch: t.bestEpoch,
    stopReason: t.stopReason,
    epochs,
    settings,
    validation: summary(validation),
    test: summary(outcome.test),
  });
}

async function loadTest(cli: ParsedCommandLine, textColumn: string, labelColumn: string) {
  const bytes = await readBytes(cli.test!);
  const read = withTrainingColumns(bytes, { encoding: cli.read.encoding, delimiter: cli.read.delimiter }, { textColumn, labelColumn });
  return loadDataset(bytes, read).examples;
}

function summary(m: Metrics | null) {
  return m ? { accuracy: m.accuracy, macroF1: m.macroF1, examples: m.examples, perClass: m.perClass, confusion: m.confusion, labels: m.labels } : null;
}

function epochLine(e: EpochLog, total: number): string {
  const width = String(total).length;
  return (
    `epoch ${String(e.epoch).padStart(width)}/${total}  loss ${fixed(e.loss)}  accuracy ${fixed(e.accuracy)}  ` +
    `val_loss ${fixed(e.valLoss)}  val_accuracy ${fixed(e.valAccuracy)}  ${Math.round(e.examplesPerSecond)} ex/s  ${e.seconds.toFixed(1)} s`
  );
}

const STOP_WORDS: Record<StopReason, string> = {
  'early-stopping': 'validation loss stopped improving (early stopping)',
  user: 'stopped on request',
  completed: 'all epochs done',
  interrupted: 'interrupted (the best epoch so far, saved while training went on)',
};
