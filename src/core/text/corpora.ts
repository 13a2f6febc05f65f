import { encodeTexts } from './encode';
import { vocabularyAndCorpus } from './trainingCorpus';
import type { EncodedCorpus, TokenizerConfig, Vocabulary, VocabularyOptions } from './types';

/** Texts and their class indices, in the same order. */
export interface LabelledTexts {
  texts: readonly string[];
  labels: Int32Array;
}

/** What preparing a run asks of the texts: a vocabulary from the training texts, and both splits encoded with it. */
export interface CorpusRequest {
  train: LabelledTexts;
  validation: LabelledTexts | null;
  config: TokenizerConfig;
  vocabulary: VocabularyOptions;
  sequenceLength: number;
}

export interface Corpora {
  vocabulary: Vocabulary;
  train: EncodedCorpus;
  validation: EncodedCorpus | null;
}

/** Shares (0..1) of reading the training texts, then of encoding the validation texts. */
export interface CorpusProgress {
  onTokenizing?: (fraction: number) => void;
  onEncoding?: (fraction: number) => void;
}

/**
 * Builds a run's corpora somewhere: `buildCorpora` does it in this thread (the page's worker,
 * tests); the CLI's builder reads a big split in parts on several threads (src/cli/threads). Every
 * builder gives the same corpora for the same request.
 */
export interface CorpusBuilder {
  build(request: CorpusRequest, progress?: CorpusProgress): Promise<Corpora>;
}

/** The corpora in this thread: the training texts tokenized once (vocabularyAndCorpus), then the validation texts encoded. */
export function buildCorpora(request: CorpusRequest, progress: CorpusProgress = {}): Corpora {
  const { train, validation, config, sequenceLength } = request;
  const { vocabulary, corpus } = vocabularyAndCorpus(train.texts, train.labels, config, request.vocabulary, sequenceLength, progress.onTokenizing);
  return {
    vocabulary,
    train: corpus,
    validation: validation && encodeTexts(validation.texts, validation.labels, vocabulary, config, sequenceLength, progress.onEncoding),
  };
}

/** `first`'s texts then `second`'s, as one corpus. */
export function joinCorpora(first: EncodedCorpus, second: EncodedCorpus): EncodedCorpus {
  const ids = new Int32Array(first.ids.length + second.ids.length);
  ids.set(first.ids);
  ids.set(second.ids, first.ids.length);
  const texts = first.offsets.length - 1;
  const offsets = new Int32Array(texts + second.offsets.length);
  offsets.set(first.offsets);
  for (let i = 1; i < second.offsets.length; i++) offsets[texts + i] = first.ids.length + second.offsets[i];
  const labels = new Int32Array(first.labels.length + second.labels.length);
  labels.set(first.labels);
  labels.set(second.labels, first.labels.length);
  return { ids, offsets, labels };
}
