/** fastText 0.9.2 (Debian's /usr/bin/fasttext): supervised training, then `predict` on the test file. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv } from '../csv';
import { assertSucceeded, runMeasured } from '../measure';
import { scorePredictions } from '../metrics';
import { fastTextTokens } from '../text';
import type { Contender, PreparedDataset, RunContext, RunFigures } from '../types';

const FASTTEXT = '/usr/bin/fasttext';

/**
 * Labels are written as `__label__<index>` so that labels with spaces or odd characters survive
 * fastText's whitespace tokenizer; the index maps back to the original label.
 */
function writeFastTextFiles(dataset: PreparedDataset, workDir: string): { trainFile: string; testFile: string; labels: string[] } {
  const train = readLabelledCsv(dataset.trainPath);
  const test = readLabelledCsv(dataset.testPath);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const trainFile = join(workDir, 'train.txt');
  const testFile = join(workDir, 'test.txt');
  writeFileSync(trainFile, train.map((r) => `__label__${index.get(r.label)} ${fastTextTokens(r.text, dataset.language)}\n`).join(''));
  writeFileSync(testFile, test.map((r) => `${fastTextTokens(r.text, dataset.language)}\n`).join(''));
  return { trainFile, testFile, labels };
}

/**
 * One predicted label per line of `fasttext predict`. fastText answers even for an empty or
 * all-unknown line (its end-of-line token is a word), but an empty output line is taken as no answer.
 */
export function parseFastTextPredictions(stdout: string, labels: readonly string[], expectedRows: number): (string | null)[] {
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== expectedRows) throw new Error(`fasttext predict gave ${lines.length} lines for ${expectedRows} test rows`);
  return lines.map((line) => {
    const match = /^__label__(\d+)/.exec(line.trim());
    return match ? (labels[Number(match[1])] ?? null) : null;
  });
}

function makeFastTextContender(id: string, hyperparameters: readonly string[], threads: () => number): Contender {
  return {
    id,
    settings: hyperparameters.length === 0 ? 'fastText defaults (lr 0.1, epoch 5, wordNgrams 1, dim 100)' : hyperparameters.join(' '),
    trainTimeMeaning: 'wall time of `fasttext supervised` (reading the file, building the dictionary, training, saving)',
    async preflight() {
      if (!existsSync(FASTTEXT)) {
        return `${FASTTEXT} is missing: install Debian's fastText 0.9.2 (apt-get install -y fasttext), or leave it out with --contenders.`;
      }
      // `fasttext` without arguments prints its usage and exits non-zero; reaching it is enough.
      const probe = spawnSync(FASTTEXT, [], { encoding: 'utf8' });
      if (probe.error) return `${FASTTEXT} cannot be run: ${probe.error.message}`;
      return null;
    },
    async run(dataset: PreparedDataset, { workDir, timeoutSeconds }: RunContext): Promise<RunFigures> {
      const { trainFile, testFile, labels } = writeFastTextFiles(dataset, workDir);
      const modelPrefix = join(workDir, 'model');
      const threadArgs = ['-thread', String(threads())];
      const train = await runMeasured(FASTTEXT, ['supervised', '-input', trainFile, '-output', modelPrefix, ...hyperparameters, ...threadArgs, '-verbose', '0'], {
        timeoutSeconds,
      });
      assertSucceeded('fasttext supervised', train);
      const predict = await runMeasured(FASTTEXT, ['predict', `${modelPrefix}.bin`, testFile], { timeoutSeconds });
      assertSucceeded('fasttext predict', predict);
      const predicted = parseFastTextPredictions(predict.stdout, labels, dataset.testRows);
      const unanswered = predicted.filter((p) => p === null).length;
      return {
        ...scorePredictions(dataset.testLabels, predicted),
        trainSeconds: train.wallSeconds,
        processSeconds: train.wallSeconds + predict.wallSeconds,
        peakRssMiB: maxOrNull(train.peakRssMiB, predict.peakRssMiB),
        details: { threads: threads(), predictSeconds: predict.wallSeconds, unanswered },
      };
    },
  };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * fastText's default is 12 threads; the bench pins it to the machine's cores (2 on the reference
 * machine, as in the datasets README's baseline) so that it is not oversubscribed.
 */
export function fastTextContenders(threads: () => number): Contender[] {
  return [
    makeFastTextContender('fasttext-default', [], threads),
    makeFastTextContender('fasttext-tuned', ['-epoch', '25', '-lr', '0.5', '-wordNgrams', '2'], threads),
  ];
}
