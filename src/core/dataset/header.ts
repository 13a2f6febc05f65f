/**
 * Does the first row name the columns, or is it already data? People's files come both ways
 * (Excel exports have headers, many research dumps do not). Each column votes by comparing its
 * first cell with the cells below it; known column names settle it.
 */

/** Names people give to a text column or a label column (lowercase; matched after trimming). */
export const TEXT_COLUMN_NAMES = [
  'text', 'texts', 'sentence', 'sentences', 'review', 'reviews', 'content', 'message', 'messages', 'sms',
  'body', 'comment', 'comments', 'document', 'doc', 'tweet', 'post', 'question', 'query', 'title',
  'headline', 'description', 'summary', 'utterance', 'input', 'abstract', 'phrase', 'feedback',
  '文本', '内容', '评论', '标题', '句子', '正文', 'review_text', 'text_a', 'sentence1',
] as const;

export const LABEL_COLUMN_NAMES = [
  'label', 'labels', 'category', 'categories', 'class', 'classes', 'sentiment', 'topic', 'target',
  'tag', 'tags', 'intent', 'y', 'polarity', 'emotion', 'genre', 'type', 'rating', 'stars', 'score',
  'group', 'newsgroup', 'cat', 'class_name', 'label_name',
  '标签', '类别', '分类', '类型', '情感', '主题',
] as const;

const KNOWN_NAMES: ReadonlySet<string> = new Set<string>([...TEXT_COLUMN_NAMES, ...LABEL_COLUMN_NAMES, 'id', 'index', 'no', '#']);

/** Rows below the first one compared with it. */
const SAMPLE_ROWS = 500;
/** A column with at most this many distinct values (in the sample) is treated as categorical. */
const CATEGORICAL_MAX_DISTINCT = 50;

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function isKnownColumnName(name: string): boolean {
  const n = normaliseName(name);
  if (KNOWN_NAMES.has(n)) return true;
  // "Headline and summary", "review text", "news_title": a known name as one of the words.
  return n.split(/_+/).some((word) => KNOWN_NAMES.has(word)) && n.length <= 40;
}

const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?%?$/;

export function isNumeric(value: string): boolean {
  return NUMBER.test(value.trim());
}

export interface HeaderGuess {
  hasHeader: boolean;
  reason: string;
}

/** Decides whether rows[0] is a header row. `rows` are the non-blank parsed rows. */
export function detectHeader(rows: string[][]): HeaderGuess {
  const first = rows[0];
  if (!first) return { hasHeader: false, reason: 'the file has no rows' };
  const cells = first.map((c) => c.trim());
  const nonEmpty = cells.filter((c) => c !== '');
  if (nonEmpty.length === 0) return { hasHeader: false, reason: 'the first row is empty' };

  // Headers name things: cells are unique, short-ish, and not all numbers.
  const unique = new Set(nonEmpty).size === nonEmpty.length;
  if (!unique) return { hasHeader: false, reason: 'the first row repeats a value' };
  if (nonEmpty.every((c) => isNumeric(c))) return { hasHeader: false, reason: 'the first row holds only numbers' };

  const below = rows.slice(1, 1 + SAMPLE_ROWS);
  if (below.length === 0) {
    // A lone row: a header if it looks like names (short cells), otherwise one example.
    const looksLikeNames = nonEmpty.every((c) => c.length <= 40 && !/[.!?。！？]$/.test(c));
    return looksLikeNames
      ? { hasHeader: true, reason: 'the only row looks like column names' }
      : { hasHeader: false, reason: 'the only row looks like data' };
  }

  let votes = 0;
  let named = false;
  for (let col = 0; col < cells.length; col++) {
    const vote = columnVote(cells[col], below.map((r) => (r[col] ?? '').trim()));
    votes += vote;
    if (vote === KNOWN_NAME_VOTE) named = true;
  }
  // One weak vote is not enough: a rare label in the first row also "differs from the rows below".
  if (votes < 2) return { hasHeader: false, reason: 'the first row looks like the rows below it' };
  return named
    ? { hasHeader: true, reason: `the first row holds column names (${nonEmpty.join(', ')})` }
    : { hasHeader: true, reason: 'the first row differs from the rows below it' };
}

/** A known column name that does not recur below outweighs one column that looks like data. */
const KNOWN_NAME_VOTE = 2;

/** +1 if this column's first cell looks like a name above its values, -1 if it looks like one of them. */
function columnVote(cell: string, values: string[]): number {
  if (cell === '') return 0;
  const present = values.filter((v) => v !== '');
  const distinct = new Set(present);
  // "question" heads a column, unless "question" is also one of the labels below it.
  if (isKnownColumnName(cell)) return distinct.has(cell) ? -1 : KNOWN_NAME_VOTE;
  if (present.length === 0) return 0;
  const numericShare = present.filter(isNumeric).length / present.length;
  if (numericShare > 0.9) return isNumeric(cell) ? -1 : 1;

  if (distinct.size <= CATEGORICAL_MAX_DISTINCT && distinct.size < present.length) {
    // A label-like column: a header cell is not one of the categories.
    return distinct.has(cell) ? -1 : 1;
  }

  // Free text: a header is much shorter than the typical text and does not end a sentence.
  const lengths = present.map((v) => v.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)];
  if (cell.length <= 40 && cell.length * 3 < median && !/[.!?。！？]$/.test(cell)) return 1;
  return 0;
}
