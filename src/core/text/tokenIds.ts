import { forEachFastWordSpan } from './fastWords';
import { normalizeText } from './normalize';
import { findPii } from './pii';
import { fastPathRules } from './segment';
import type { TokenTable } from './tokenTable';
import { forEachTokenWithSpan, type TokenKind } from './tokenize';
import type { TokenizerConfig } from './types';

/** Returning false stops; `id` is -1 for a token the table does not know (when only looking up). */
export type TokenIdVisitor = (id: number, kind: TokenKind) => boolean;

/**
 * The tokens `forEachToken` gives for `text`, in the same order and with the same kinds, each as
 * its id in `table`: given an id if new (`intern`), or -1 when unknown. Texts the fast word
 * splitter handles (Latin script, most English and Western European text) with no personal data
 * in them are read without making a string per token: words are looked up by their characters,
 * bigrams by their words' ids. Any other text takes `forEachToken`'s own path, token strings and
 * all, so both give the same ids for the same tokens.
 */
export function forEachTokenId(text: string, config: TokenizerConfig, table: TokenTable, intern: boolean, visit: TokenIdVisitor): void {
  const normalized = normalizeText(text, config);
  // Fast-path characters include no CJK, so there are no character n-grams to interleave.
  const rules = fastPathRules(normalized, config.locale);
  if (rules !== null && !(config.maskPii && findPii(normalized).length > 0)) {
    let previous = -1;
    let first = true;
    forEachFastWordSpan(normalized, (start, end) => {
      const id = intern ? table.internRange(normalized, start, end) : table.findRange(normalized, start, end);
      if (!visit(id, 'word')) return false;
      if (config.wordBigrams && !first && !visit(intern ? table.internPair(previous, id) : table.findPair(previous, id), 'bigram')) return false;
      previous = id;
      first = false;
      return true;
    }, rules);
    return;
  }
  // A bigram joins the word before the current one and the current one.
  let previousWord = -1;
  let currentWord = -1;
  forEachTokenWithSpan(normalized, config, (token, kind) => {
    let id: number;
    if (kind === 'bigram') id = intern ? table.internPair(previousWord, currentWord) : table.findPair(previousWord, currentWord);
    else {
      id = intern ? table.internString(token) : table.findString(token);
      if (kind === 'word') {
        previousWord = currentWord;
        currentWord = id;
      }
    }
    return visit(id, kind);
  });
}
