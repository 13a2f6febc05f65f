/**
 * The CLI's CorpusBuilder: a big training split is read on two threads, about half on a worker
 * thread (corpusThread.ts) while this one reads the rest; the two tables are merged into one
 * vocabulary (vocabularyOfReadTexts: the vocabulary and corpus one pass gives), and then each
 * thread encodes its own training texts and half of the validation texts. Preparing is nearly
 * all tokenizing, and one thread reads ~45,000 AG News texts a second on a million rows.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildCorpora, joinCorpora, type CorpusBuilder, type LabelledTexts } from '@/core/text/corpora';
import { encodeTexts } from '@/core/text/encode';
import {
  encodeReadTexts,
  joinEncoded,
  readTokens,
  readTrainingTexts,
  vocabularyOfReadTexts,
  type EncodedPart,
  type ReadTexts,
  type ReadTokens,
} from '@/core/text/trainingCorpus';
import type { EncodedCorpus, TokenizerConfig, Vocabulary } from '@/core/text/types';

/** What the thread is asked, in this order: to read its training texts, then to encode them (and some validation texts). */
export type ThreadJob =
  | { kind: 'read'; texts: readonly string[]; config: TokenizerConfig; sequenceLength: number }
  | { kind: 'encode'; finalId: Int32Array; validation: (LabelledTexts & { vocabulary: Vocabulary }) | null; config: TokenizerConfig; sequenceLength: number };

export type ThreadAnswer = { kind: 'read'; tokens: ReadTokens } | { kind: 'encoded'; train: EncodedPart; validation: EncodedCorpus | null };

/**
 * Below this many characters of training text one thread is as soon: two threads save half of
 * reading (~80 ns a character on AG News) but add handing the texts over and merging, and a
 * thread not warmed up takes ~1.5 s to start (its TypeScript loaded through tsx).
 */
export const CHARACTERS_WORTH_A_THREAD = 20_000_000;

/**
 * This thread's share of the training texts: the other thread starts later (the texts are copied
 * to it) and its tokens are copied back, so an even cut left this one waiting ~0.8 s on a
 * million AG News rows.
 */
const THIS_THREADS_SHARE = 0.52;

export interface ThreadOptions {
  /** Threads to use, this one included: 2 uses a second thread, 1 does not (default: 2 where there are 2 cores or more). */
  threads?: 1 | 2;
  /** The fewest characters of training text worth a second thread (default CHARACTERS_WORTH_A_THREAD). */
  minimumCharacters?: number;
  /**
   * Start the second thread now, so that it is ready when the texts are (~1.5 s that otherwise
   * come before its part). For a caller that knows a big file is coming: `sift train` starts it
   * while it parses a file of CHARACTERS_WORTH_A_THREAD bytes or more. An unused thread never
   * keeps the process up.
   */
  warmUp?: boolean;
  /** Starts the second thread (default startThread; tests give one that fails). */
  startThread?: () => CorpusThread;
}

/** A builder for one run's corpora. */
export function buildInThreads(options: ThreadOptions = {}): CorpusBuilder {
  const threads = options.threads ?? (availableParallelism() >= 2 ? 2 : 1);
  const minimumCharacters = options.minimumCharacters ?? CHARACTERS_WORTH_A_THREAD;
  const start = options.startThread ?? startThread;
  let warm = threads >= 2 && options.warmUp === true ? start() : null;
  return {
    build: async (request, progress = {}) => {
      const ready = warm;
      warm = null;
      const { train, validation, config, sequenceLength } = request;
      if (threads < 2 || train.texts.length < 2 || characters(train.texts) < minimumCharacters) {
        void ready?.close();
        return buildCorpora(request, progress);
      }
      const thread = ready ?? start();
      const cut = Math.ceil(train.texts.length * THIS_THREADS_SHARE);
      const theirTexts = train.texts.slice(cut);
      const theirRead = thread.ask({ kind: 'read', texts: theirTexts, config, sequenceLength });
      const first = readTrainingTexts(train.texts.slice(0, cut), config, sequenceLength, { onProgress: progress.onTokenizing, storeForTexts: train.texts.length });
      // A thread that failed (no memory, no tsx) costs time, not the run: its texts are read here.
      const read = await theirRead.catch(() => null);
      let readHere: ReadTexts | null = null;
      let theirTokens: ReadTokens;
      if (read?.kind === 'read') theirTokens = read.tokens;
      else {
        readHere = readTrainingTexts(theirTexts, config, sequenceLength);
        theirTokens = readTokens(readHere);
      }
      const { vocabulary, finalIds } = vocabularyOfReadTexts(first, [theirTokens], request.vocabulary);

      const half = validation === null ? 0 : Math.floor(validation.texts.length / 2);
      const theirValidation = validation && { texts: validation.texts.slice(half), labels: validation.labels.slice(half), vocabulary };
      const theirEncoding = readHere === null ? thread.ask({ kind: 'encode', finalId: finalIds[1], validation: theirValidation, config, sequenceLength }) : null;
      const encodedFirst = encodeReadTexts(first, finalIds[0], sequenceLength);
      const myValidation = validation && encodeTexts(validation.texts.slice(0, half), validation.labels.slice(0, half), vocabulary, config, sequenceLength, progress.onEncoding);
      const encoded = await theirEncoding?.catch(() => null);
      let theirs: { train: EncodedPart; validation: EncodedCorpus | null };
      if (encoded?.kind === 'encoded') theirs = encoded;
      else {
        // Read again if the thread failed after reading: the same texts give the same table ids.
        const again = readHere ?? readTrainingTexts(theirTexts, config, sequenceLength);
        theirs = {
          train: encodeReadTexts(again, finalIds[1], sequenceLength),
          validation: theirValidation && encodeTexts(theirValidation.texts, theirValidation.labels, vocabulary, config, sequenceLength),
        };
      }
      return {
        vocabulary,
        train: joinEncoded(first, encodedFirst, [theirs.train], train.labels),
        validation: myValidation && theirs.validation && joinCorpora(myValidation, theirs.validation),
      };
    },
  };
}

function characters(texts: readonly string[]): number {
  let sum = 0;
  for (const text of texts) sum += text.length;
  return sum;
}

/** A started thread: ask it a job at a time, or close it. */
export interface CorpusThread {
  ask(job: ThreadJob): Promise<ThreadAnswer>;
  close(): Promise<number>;
}

/** Starts a thread for corpusThread.ts's jobs; it keeps the process up only while it has one. */
export function startThread(): CorpusThread {
  let worker: Worker;
  try {
    worker = new Worker(bootCode(), { eval: true });
  } catch (error) {
    return { ask: () => Promise.reject(error), close: () => Promise.resolve(0) };
  }
  worker.unref();
  const ended = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The corpus thread ended (${code}).`)));
  });
  ended.catch(() => undefined); // an idle thread's end is noticed by the next job, if any
  return {
    ask: (job) => {
      worker.ref();
      const answer = new Promise<ThreadAnswer>((resolve) => worker.once('message', resolve));
      worker.postMessage(job);
      return Promise.race([answer, ended]).finally(() => worker.unref());
    },
    close: () => worker.terminate(),
  };
}

/**
 * Loads corpusThread.ts in the new thread. Node 20 does not carry tsx's module hooks into a
 * worker thread (tsx issue #354), so the thread registers them itself before importing TypeScript.
 */
function bootCode(): string {
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  const entry = new URL('./corpusThread.ts', import.meta.url).href;
  return `require(${JSON.stringify(tsxApi)}).register(); import(${JSON.stringify(entry)});`;
}
