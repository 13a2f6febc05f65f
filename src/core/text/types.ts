/** Contracts of the text module: normalisation, tokenizer, vocabulary, encoding. */

export interface TokenizerConfig {
  /** Unicode normalisation applied first. */
  normalization: 'NFKC' | 'none';
  lowercase: boolean;
  /** Add word bigrams ("new_york") after the unigrams, like fastText's -wordNgrams 2. */
  wordBigrams: boolean;
  /** Add character n-grams of CJK words, n from 2 up to this (0 = off). */
  cjkCharNgrams: 0 | 2 | 3;
  /** Locale passed to Intl.Segmenter (word granularity). */
  locale: string;
  /**
   * Replace personal data (e-mail addresses, phone, card, IBAN and ID numbers, IP addresses, other
   * 7+-digit numbers) by one placeholder token each (`<email>`, `<phone>`…; see pii.ts), after
   * normalisation. Bundles saved before Sift had it (0.2.0) have no such field: false.
   */
  maskPii: boolean;
}

/** Ids 0 and 1 are reserved; tokens[0] === '<pad>', tokens[1] === '<unk>'. */
export interface Vocabulary {
  tokens: string[];
}

export const PAD_ID = 0;
export const OOV_ID = 1;

export interface VocabularyOptions {
  maxSize: number;
  /** Words seen fewer times are left out (they encode as <unk>). */
  minCount: number;
}

/**
 * A ragged batch of encoded texts: ids of text i are ids[offsets[i] .. offsets[i+1]).
 * Kept ragged (not padded) so batches can be padded to their own longest text only.
 */
export interface EncodedCorpus {
  ids: Int32Array;
  offsets: Int32Array;
  /** Class index per text, or empty for unlabelled texts. */
  labels: Int32Array;
}
