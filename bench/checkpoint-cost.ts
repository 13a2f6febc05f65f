/**
 * What a checkpoint costs (src/core/checkpoints.ts): a run trained through EngineSession as the
 * worker runs it, writing a checkpoint at EVERY improvement (interval 0), on the page's default
 * settings. Prints, per dataset: epochs, seconds per epoch, each checkpoint's export time in the
 * worker (training waits that long) and its size, i.e. what IndexedDB has to store.
 *
 *   npx tsx bench/checkpoint-cost.ts [--backend wasm|cpu] [--epochs N] [--learning-rate R] [FILE.csv ...]
 *
 * The default learning rate here is a sixth of the page's, so that validation loss improves over
 * several epochs and each run writes several checkpoints (an export's cost does not depend on it).
 * Without files: the two bundled samples, and 20 Newsgroups' training file when ../shared has it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EngineSession } from '../src/core/session';
import type { BackendName } from '../src/core/model/types';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const backend = (option('backend') ?? 'wasm') as BackendName;
const epochs = Number(option('epochs') ?? 6);
const learningRate = Number(option('learning-rate') ?? 0.0005);
const files = args.length > 0 ? args : ['public/samples/sms_spam.csv', 'public/samples/thucnews_titles.csv', '../shared/datasets/20newsgroups/20ng_train.csv'].filter(existsSync);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const file of files) {
  const session = new EngineSession(() => performance.now(), { checkpoints: { intervalMs: 0, costFactor: 0 } });
  session.load(new Uint8Array(readFileSync(file)), {}, basename(file));
  const checkpoints: { epoch: number; exportMs: number; bytes: number }[] = [];
  const epochSeconds: number[] = [];
  // earlyStoppingPatience 0: every epoch runs, so there are improvements to checkpoint.
  const trained = await session.train({ backend, epochs, learningRate, earlyStoppingPatience: 0 }, basename(file, '.csv'), {
    onEpoch: (log) => epochSeconds.push(log.seconds),
    onCheckpoint: ({ epoch, exportMs, bundle }) => checkpoints.push({ epoch, exportMs: Math.round(exportMs), bytes: bundle.byteLength }),
  });
  const perEpoch = median(epochSeconds);
  const exportMs = median(checkpoints.map((c) => c.exportMs));
  console.log(
    JSON.stringify({
      file: basename(file),
      backend,
      learningRate,
      epochs: epochSeconds.length,
      medianEpochSeconds: Number(perEpoch.toFixed(2)),
      checkpoints,
      medianExportMs: exportMs,
      exportShareOfEpoch: Number((exportMs / 1000 / perEpoch).toFixed(3)),
      finalStoredBytes: trained.stored.byteLength,
    }),
  );
}
