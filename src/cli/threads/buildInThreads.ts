/**
 * The CLI's CorpusBuilder: a big training split is read on as many threads as there are cores (at
 * most MAX_THREADS): each worker thread (corpusThread.ts) reads a part while this one reads the
 * first; the tables are merged into one vocabulary (vocabularyOfReadTexts: the vocabulary and
 * corpus one pass gives), and then each thread encodes its own training texts and its share of the
 * validation texts. Preparing is nearly all tokenizing, and one thread reads ~45,000 AG News texts
 * a second on a million rows.
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
 * thread not warmed up takes ~1.5 s to start (its TypeScript loaded through tsx). Measured with
 * two; more threads save more of reading for the same costs.
 */
export const CHARACTERS_WORTH_A_THREAD = 20_000_000;

/**
 * The most threads a run uses, this one included. Each helper gets a copy of its texts and sends
 * back its table's tokens, which this thread merges alone (on a million AG News rows ~0.2 s per
 * helper, after ~0.35 s of work done once): past four threads the merging would eat what reading
 * in more parts saves, and each thread adds ~200 MiB.
 */
export const MAX_THREADS = 4;

/**
 * How much more than an even cut this thread reads: the others start later (their texts are
 * copied to them) and their tokens are copied back, so with two threads an even cut left this one
 * waiting ~0.8 s on a million AG News rows; 4% more (52% of two) evened it out.
 */
const THIS_THREADS_LEAD = 1.04;

export interface ThreadOptions {
  /**
   * Threads to use, this one included, 1 to MAX_THREADS: 1 uses no other (default: as many as
   * there are cores, at most MAX_THREADS).
   */
  threads?: number;
  /** The fewest characters of training text worth other threads (default CHARACTERS_WORTH_A_THREAD). */
  minimumCharacters?: number;
  /**
   * Start the other threads now, so that they are ready when the texts are (~1.5 s that otherwise
   * come before their parts). For a caller that knows a big file is coming: `sift train` starts
   * them while it parses a file of CHARACTERS_WORTH_A_THREAD bytes or more. An unused thread never
   * keeps the process up.
   */
  warmUp?: boolean;
  /** Starts another thread (default startThread; tests give one that fails). */
  startThread?: () => CorpusThread;
}

/** A builder for one run's corpora. */
export function buildInThreads(options: ThreadOptions = {}): CorpusBuilder {
  const asked = options.threads ?? availableParallelism();
  // Anything but a number (NaN from a bad argument) is one thread: never a run cut into no parts.
  const threads = Number.isFinite(asked) ? Math.max(1, Math.min(MAX_THREADS, Math.floor(asked))) : 1;
  const minimumCharacters = options.minimumCharacters ?? CHARACTERS_WORTH_A_THREAD;
  const start = options.startThread ?? startThread;
  let warm = options.warmUp === true ? Array.from({ length: threads - 1 }, () => start()) : [];
  return {
    build: async (request, progress = {}) => {
      const ready = warm;
      warm = [];
      const { train, validation, config, sequenceLength } = request;
      if (threads < 2 || train.texts.length < threads || characters(train.texts) < minimumCharacters) {
        for (const thread of ready) void thread.close();
        return buildCorpora(request, progress);
      }
      const helpers = Array.from({ length: threads - 1 }, (_, k) => ready[k] ?? start());
      const cuts = trainingCuts(train.texts.length, threads);
      const theirTexts = helpers.map((_, k) => train.texts.slice(cuts[k + 1], cuts[k + 2]));
      const theirReads = helpers.map((thread, k) => thread.ask({ kind: 'read', texts: theirTexts[k], config, sequenceLength }));
      const first = readTrainingTexts(train.texts.slice(0, cuts[1]), config, sequenceLength, { onProgress: progress.onTokenizing, storeForTexts: train.texts.length });
      // A thread that failed (no memory, no tsx) costs time, not the run: its texts are read here.
      const answers = await Promise.all(theirReads.map((read) => read.catch(() => null)));
      const readHere = answers.map((read, k) => (read?.kind === 'read' ? null : readTrainingTexts(theirTexts[k], config, sequenceLength)));
      const theirTokens = answers.map((read, k) => (read?.kind === 'read' ? read.tokens : readTokens(readHere[k] as ReadTexts)));
      const { vocabulary, finalIds } = vocabularyOfReadTexts(first, theirTokens, request.vocabulary);

      const validationCuts = validation === null ? [] : evenCuts(validation.texts.length, threads);
      const validationPart = (k: number) =>
        validation && { texts: validation.texts.slice(validationCuts[k], validationCuts[k + 1]), labels: validation.labels.slice(validationCuts[k], validationCuts[k + 1]), vocabulary };
      const theirEncodings = helpers.map((thread, k) =>
        readHere[k] === null ? thread.ask({ kind: 'encode', finalId: finalIds[k + 1], validation: validationPart(k + 1), config, sequenceLength }) : null,
      );
      const encodedFirst = encodeReadTexts(first, finalIds[0], sequenceLength);
      const mine = validationPart(0);
      const myValidation = mine && encodeTexts(mine.texts, mine.labels, vocabulary, config, sequenceLength, progress.onEncoding);
      const encoded = await Promise.all(theirEncodings.map((encoding) => encoding?.catch(() => null) ?? null));
      const theirs = encoded.map((answer, k): { train: EncodedPart; validation: EncodedCorpus | null } => {
        if (answer?.kind === 'encoded') return answer;
        // Read again if the thread failed after reading: the same texts give the same table ids.
        const again = readHere[k] ?? readTrainingTexts(theirTexts[k], config, sequenceLength);
        const part = validationPart(k + 1);
        return {
          train: encodeReadTexts(again, finalIds[k + 1], sequenceLength),
          validation: part && encodeTexts(part.texts, part.labels, vocabulary, config, sequenceLength),
        };
      });
      return {
        vocabulary,
        train: joinEncoded(first, encodedFirst, theirs.map((part) => part.train), train.labels),
        validation: myValidation && theirs.reduce((joined, part) => (part.validation ? joinCorpora(joined, part.validation) : joined), myValidation),
      };
    },
  };
}

/**
 * Where each thread's training texts start, and the end, for 2 threads or more and at least one
 * text each: this thread's part (the first) is THIS_THREADS_LEAD times an even one, the others
 * share the rest evenly.
 */
export function trainingCuts(texts: number, threads: number): number[] {
  const mine = Math.min(texts - (threads - 1), Math.ceil((texts / threads) * THIS_THREADS_LEAD));
  return [0, ...evenCuts(texts - mine, threads - 1).map((cut) => mine + cut)];
}

/** `parts` + 1 cuts of `texts` items into parts as even as can be (the first cut 0, the last `texts`). */
function evenCuts(texts: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, k) => Math.floor((texts * k) / parts));
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
