import { basename } from 'node:path';
import { bundleFileName, exportBundle } from '@/core/bundle/export';
import type { ModelCalibration } from '@/core/bundle/types';
import type { Example } from '@/core/dataset/types';
import { loadDataset } from '@/core/dataset/load';
import { describeValidationSplit } from '@/core/dataset/split';
import type { BatchLog, EpochLog, Metrics, StopReason } from '@/core/model/types';
import { trainFromExamples, type TrainOutcome } from '@/core/pipeline';
import { Predictor } from '@/core/predictor';
import { resolveSettings, settingsFor } from '@/core/settings';
import type { ParsedCommandLine } from '../args';
import { backendWords } from '../backendWords';
import { fixed, Output, pct, readBytes, writeBytes } from '../io';
import { buildInThreads, CHARACTERS_WORTH_A_THREAD } from '../threads/buildInThreads';
import { assertTrainable, CLI_DEFAULT_BACKEND, requirePositionals } from './common';
import { withTrainingColumns } from './eval';
import { printDataset } from './inspect';

export async function runTrain(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [path] = requirePositionals(cli, 1, 'train DATA.csv');
  const overrides = { backend: CLI_DEFAULT_BACKEND, ...cli.settings };
  const { maskPii } = resolveSettings(overrides); // a bad option fails now, before minutes of reading and training
  const bytes = await readBytes(path);
  // A big file's texts are read on several threads (one per core, up to four); the others start now, while the file is parsed.
  const corpora = buildInThreads({ threads: cli.threads, warmUp: bytes.length >= CHARACTERS_WORTH_A_THREAD });
  const dataset = loadDataset(bytes, cli.read);
  printDataset(out, path, dataset, { maskPii });
  assertTrainable(dataset);
  const textColumn = dataset.columns[dataset.textColumn];
  const labelColumn = dataset.columns[dataset.labelColumn];
  const test = cli.test ? await loadTest(cli, textColumn, labelColumn) : undefined;

  const settings = settingsFor(dataset.report, overrides);
  const started = performance.now();
  const outcome = await trainFromExamples(
    // The file's name only: a bundle must not tell whoever receives it about the trainer's folders.
    { examples: dataset.examples, test, fileName: basename(path), textColumn, labelColumn, name: cli.name },
    settings,
    {
      onPrepared: (info) => {
        out.line(
          `\nTraining on ${info.trainExamples} examples, validating on ${info.validationExamples}; ` +
            `${info.labels.length} classes, vocabulary ${info.vocabularySize} tokens.`,
        );
        out.line(describeValidationSplit({ validationShare: settings.validationShare, ...info }));
      },
      onBackend: (b) => out.line(`Backend: ${backendWords(b)}`),
      onBatch: (b: BatchLog) =>
        out.progress(
          b.batch / b.batchesPerEpoch,
          `epoch ${b.epoch}/${settings.epochs} batch ${b.batch}/${b.batchesPerEpoch} loss ${fixed(b.loss)} ${Math.round(b.examplesPerSecond)} ex/s`,
        ),
      onEpoch: (e: EpochLog) => out.line(epochLine(e, settings.epochs)),
    },
    {},
    corpora,
  );
  const seconds = (performance.now() - started) / 1000;
  // The model is already stored in settings.weights (its metrics are those of the file's weights).
  const model = outcome.model;
  const weights = model.manifest.settings.weights;
  const { validation, test: tested } = model.manifest.metrics;
  const bundle = await exportBundle(model, { goldenTexts: outcome.goldenTexts });
  const outPath = cli.out ?? bundleFileName(model.manifest.name);
  await writeBytes(outPath, bundle);
  const float32 = weights === 'float32' ? null : float32Metrics(outcome, test);

  const t = model.manifest.training;
  const trained = (m: Metrics | null | undefined, s: Metrics | null): string =>
    m && s !== null && m.accuracy !== s.accuracy ? ` (float32 weights: ${pct(m.accuracy)})` : '';
  out.line('');
  out.line(`Stopped: ${STOP_WORDS[t.stopReason]}; kept epoch ${t.bestEpoch} of ${t.history.length}.`);
  out.line(`Validation: accuracy ${pct(validation?.accuracy)}, macro-F1 ${pct(validation?.macroF1)}${trained(float32?.validation, validation)}`);
  if (tested) out.line(`Test (${cli.test}): accuracy ${pct(tested.accuracy)}, macro-F1 ${pct(tested.macroF1)}${trained(float32?.test, tested)}`);
  if (model.manifest.calibration) out.line(calibrationLine(model.manifest.calibration));
  for (const { label, words } of model.manifest.topWords ?? []) {
    out.line(`Top words for ${label}: ${words.slice(0, TOP_WORDS_SHOWN).map((w) => w.word).join(', ') || '(none pushes toward it alone)'}`);
  }
  out.line(`Trained in ${seconds.toFixed(1)} s on ${t.backend}; model saved to ${outPath} (${(bundle.byteLength / 1e6).toFixed(2)} MB, ${weights} weights)`);

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
    weights,
    bundleBytes: bundle.byteLength,
    validation: summary(validation),
    test: summary(tested),
    // The calibrated float32 weights' metrics, before storing them in a smaller format.
    float32: { validation: summary(float32?.validation ?? validation), test: summary(float32?.test ?? tested) },
    calibration: model.manifest.calibration,
    topWords: model.manifest.topWords,
  });
}

/** The metrics of the calibrated float32 weights, before training stored them in a smaller format. */
function float32Metrics(outcome: TrainOutcome, test: readonly Example[] | undefined): { validation: Metrics | null; test: Metrics | null } {
  const predictor = Predictor.create({ manifest: outcome.model.manifest, weights: outcome.float32Weights });
  return {
    validation: outcome.validationExamples.length > 0 ? predictor.evaluate(outcome.validationExamples) : null,
    test: test && test.length > 0 ? predictor.evaluate(test) : null,
  };
}

/** Words per class on the human output; --json and the bundle carry all 20. */
const TOP_WORDS_SHOWN = 10;

function calibrationLine(c: ModelCalibration): string {
  const ece = c.eceBefore !== null && c.eceAfter !== null ? `; ECE (confidence vs accuracy gap) on validation ${c.eceBefore.toFixed(3)} → ${c.eceAfter.toFixed(3)}` : '';
  switch (c.fit) {
    case 'fitted':
      return `Calibration: temperature ${c.temperature.toFixed(3)} fitted on ${c.examples} validation texts, baked into the output layer${ece}`;
    case 'separable':
      return `Calibration: none (T = 1): every validation text is classified right by a margin, nothing to fit on${ece}`;
    case 'no-validation':
      return 'Calibration: none (T = 1): no validation texts to fit a temperature on';
  }
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
