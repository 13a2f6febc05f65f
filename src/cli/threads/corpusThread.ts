/**
 * A worker thread of buildInThreads.ts: reads its part of the training texts into token ids and
 * sends back their tokens and counts (moved, not copied); once the vocabulary is known, encodes
 * those texts and its share of the validation texts, sends them back, and ends.
 */
import { parentPort } from 'node:worker_threads';
import { encodeTexts } from '@/core/text/encode';
import { encodeReadTexts, readTokens, readTrainingTexts, type ReadTexts } from '@/core/text/trainingCorpus';
import type { ThreadAnswer, ThreadJob } from './buildInThreads';

let read: ReadTexts | null = null;

function answer(message: ThreadAnswer, transfer: ArrayBufferLike[]): void {
  parentPort?.postMessage(message, transfer as ArrayBuffer[]);
}

parentPort?.on('message', (job: ThreadJob) => {
  if (job.kind === 'read') {
    read = readTrainingTexts(job.texts, job.config, job.sequenceLength);
    const tokens = readTokens(read);
    answer({ kind: 'read', tokens }, [tokens.tokens.firsts.buffer, tokens.tokens.seconds.buffer, tokens.counts.buffer, tokens.seenAsWord.buffer]);
    return;
  }
  if (read === null) throw new Error('Asked to encode before reading.');
  const train = encodeReadTexts(read, job.finalId, job.sequenceLength);
  read = null;
  const validation = job.validation && encodeTexts(job.validation.texts, job.validation.labels, job.validation.vocabulary, job.config, job.sequenceLength);
  const moved = validation ? [validation.ids.buffer, validation.offsets.buffer, validation.labels.buffer] : [];
  answer({ kind: 'encoded', train, validation }, [train.ids.buffer, train.offsets.buffer, ...moved]);
  parentPort?.close();
});
