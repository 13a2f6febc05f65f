/**
 * Child process of the scale bench: what `sift train FILE` does up to its first batch (the
 * training texts read on one thread per core, at most four, as `sift train` reads them), timed phase
 * by phase, then stopped there (the rest of the run is the model's size, not the file's). Prints
 * one JSON line (NodeProbeFigures). A process per file, so that its peak memory is that file's.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CLI_DEFAULT_BACKEND } from '../../src/cli/commands/common';
import { loadDataset } from '../../src/core/dataset/load';
import { prepareTrainingWith, trainPrepared } from '../../src/core/pipeline';
import { buildInThreads, CHARACTERS_WORTH_A_THREAD } from '../../src/cli/threads/buildInThreads';
import { settingsFor } from '../../src/core/settings';
import type { NodeProbeFigures } from './types';

const mib = (bytes: number): number => bytes / 2 ** 20;

async function main(path: string): Promise<void> {
  tf.env().set('PROD', true);
  const began = performance.now();
  const seconds = (from: number): number => (performance.now() - from) / 1000;
  const bytes = new Uint8Array(readFileSync(path));
  // A second argument sets the threads, as `sift train --threads N` does (by hand; the bench leaves it out).
  const threads = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const corpora = buildInThreads({ threads, warmUp: bytes.length >= CHARACTERS_WORTH_A_THREAD });

  const cpu = (from: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1e6;
  };
  const loadStarted = performance.now();
  const loadCpu = process.cpuUsage();
  let lastReport = loadStarted;
  let longestGap = 0;
  const dataset = loadDataset(bytes, {}, {
    onProgress: () => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - lastReport);
      lastReport = now;
    },
  });
  const loadSeconds = seconds(loadStarted);
  const loadCpuSeconds = cpu(loadCpu);
  longestGap = Math.max(longestGap, performance.now() - lastReport);
  const rssAfterLoadMiB = mib(process.memoryUsage().rss);

  const settings = settingsFor(dataset.report, { backend: CLI_DEFAULT_BACKEND, epochs: 1 });
  const prepareStarted = performance.now();
  const prepareCpu = process.cpuUsage();
  const input = {
    examples: dataset.examples,
    fileName: basename(path),
    textColumn: dataset.columns[dataset.textColumn],
    labelColumn: dataset.columns[dataset.labelColumn],
  };
  const prepared = await prepareTrainingWith(corpora, input, settings);
  const prepareSeconds = seconds(prepareStarted);
  const prepareCpuSeconds = cpu(prepareCpu);
  const rssAfterPrepareMiB = mib(process.memoryUsage().rss);

  let firstBatchAt: number | null = null;
  await trainPrepared(prepared, { backend: settings.backend }, {
    onBatch: () => {
      firstBatchAt ??= performance.now();
    },
    shouldStop: () => firstBatchAt !== null,
  });
  const figures: NodeProbeFigures = {
    examples: dataset.examples.length,
    vocabularySize: prepared.vocabulary.tokens.length,
    sequenceLength: settings.sequenceLength,
    loadSeconds,
    loadCpuSeconds,
    longestProgressGapSeconds: longestGap / 1000,
    prepareSeconds,
    prepareCpuSeconds,
    textsPerSecond: dataset.examples.length / prepareSeconds,
    textsPerCpuSecond: dataset.examples.length / prepareCpuSeconds,
    firstBatchSeconds: firstBatchAt === null ? null : (firstBatchAt - prepareStarted) / 1000,
    stoppedSeconds: seconds(prepareStarted),
    totalSeconds: seconds(began),
    rssAfterLoadMiB,
    rssAfterPrepareMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

void main(process.argv[2] ?? '');
