/** Tiny hand-made models for the explain module's tests: a vocabulary, its table and a head. */
import { DEFAULT_TOKENIZER } from '@/core/text/tokenize';
import type { TokenizerConfig } from '@/core/text/types';
import { OOV_TOKEN, PAD_TOKEN } from '@/core/text/vocabulary';
import type { BagOfEmbeddings, HeadLogits } from '@/core/explain/coalitionScorer';
import type { TextEncoding } from '@/core/explain/explainWords';

/**
 * A model whose vocabulary is <pad>, <unk> and the keys of `rows` (in order), each with its row
 * of the table (<pad> and <unk> are zeros unless given).
 */
export function handModel(
  rows: Record<string, number[]>,
  headLogits: HeadLogits,
  numClasses: number,
  tokenizer: TokenizerConfig = DEFAULT_TOKENIZER,
): { model: BagOfEmbeddings; encoding: TextEncoding; index: Map<string, number>; tokens: string[] } {
  const dim = Object.values(rows)[0].length;
  const tokens = [PAD_TOKEN, OOV_TOKEN, ...Object.keys(rows).filter((t) => t !== PAD_TOKEN && t !== OOV_TOKEN)];
  const embedding = new Float32Array(tokens.length * dim);
  tokens.forEach((token, id) => embedding.set(rows[token] ?? new Array<number>(dim).fill(0), id * dim));
  const index = new Map(tokens.map((t, id) => [t, id]));
  return { model: { embedding, dim, numClasses, headLogits }, encoding: { index, tokenizer, sequenceLength: 256 }, index, tokens };
}
