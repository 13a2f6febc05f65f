import { SiftError } from '../errors';
import { isNumeric, LABEL_COLUMN_NAMES, normaliseName, TEXT_COLUMN_NAMES } from './header';
import type { ColumnChoice, ColumnWhy } from './types';

/**
 * Which column holds the text and which the label. Names decide when they are clear ("text",
 * "category", "标题"); otherwise the statistics do: the text column holds the longest free text,
 * the label column has few distinct values, and an id column (unique whole numbers) is neither.
 */

export interface ColumnStats {
  name: string;
  /** Non-empty cells in the sample. */
  filled: number;
  distinct: number;
  meanLength: number;
  numericShare: number;
  /** Unique whole numbers in every row, or named id / index: a row id, not data. */
  idLike: boolean;
}

/** Rows sampled for the statistics: plenty to tell columns apart, cheap on 20 MB files. */
const SAMPLE_ROWS = 5000;

const WHY_WORDS: Record<ColumnWhy, string> = {
  chosen: 'you chose it',
  name: 'its name says so',
  longest: 'it holds the longest texts',
  'few-values': 'it has few distinct values',
};
/** Fewer rows than this prove nothing: 0 and 1 are unique whole numbers too. */
const MIN_ROWS_FOR_ID = 10;
const ID_NAMES: ReadonlySet<string> = new Set(['id', 'index', 'idx', 'no', 'row', '#', 'key', 'uid', 'unnamed:_0']);
const TEXT_NAMES: ReadonlySet<string> = new Set(TEXT_COLUMN_NAMES);
const LABEL_NAMES: ReadonlySet<string> = new Set(LABEL_COLUMN_NAMES);

export function columnStats(columns: string[], rows: string[][]): ColumnStats[] {
  const sample = rows.length > SAMPLE_ROWS ? rows.slice(0, SAMPLE_ROWS) : rows;
  return columns.map((name, col) => {
    const values: string[] = [];
    for (const row of sample) {
      const v = (row[col] ?? '').trim();
      if (v !== '') values.push(v);
    }
    const distinct = new Set(values).size;
    const numeric = values.filter(isNumeric).length;
    const totalLength = values.reduce((sum, v) => sum + v.length, 0);
    const uniqueWholeNumbers =
      values.length === sample.length && values.length >= MIN_ROWS_FOR_ID && distinct === values.length && values.every((v) => /^\d+$/.test(v));
    return {
      name,
      filled: values.length,
      distinct,
      meanLength: values.length ? totalLength / values.length : 0,
      numericShare: values.length ? numeric / values.length : 0,
      idLike: uniqueWholeNumbers || ID_NAMES.has(normaliseName(name)),
    };
  });
}

export interface ColumnOverrides {
  textColumn?: string | number;
  labelColumn?: string | number;
}

/**
 * Chooses the text and label columns; overrides by name or 0-based index win. Throws
 * UNKNOWN_COLUMN (naming the columns there are) or SAME_COLUMN. Needs at least two columns.
 */
export function chooseColumns(columns: string[], rows: string[][], overrides: ColumnOverrides = {}): ColumnChoice {
  const stats = columnStats(columns, rows);
  const userText = overrides.textColumn === undefined ? null : resolveColumn(overrides.textColumn, columns, 'text');
  const userLabel = overrides.labelColumn === undefined ? null : resolveColumn(overrides.labelColumn, columns, 'label');
  if (userText !== null && userText === userLabel) {
    throw new SiftError(
      'SAME_COLUMN',
      `The text column and the label column are both "${columns[userText]}". Choose two different columns.`,
      { column: columns[userText] },
    );
  }

  const all = stats.map((_, i) => i);
  const usable = (i: number): boolean => !stats[i].idLike && stats[i].filled > 0;

  let text = userText;
  let textWhy: ColumnWhy = 'chosen';
  if (text === null) {
    const named = all.filter((i) => i !== userLabel && usable(i) && nameIn(columns[i], TEXT_NAMES));
    if (named.length) {
      text = longest(named, stats);
      textWhy = 'name';
    }
  }

  let label = userLabel;
  let labelWhy: ColumnWhy = 'chosen';
  if (label === null) {
    const named = all.filter(
      (i) => i !== text && usable(i) && nameIn(columns[i], LABEL_NAMES) && looksCategorical(stats[i]),
    );
    if (named.length) {
      label = fewestDistinct(named, stats);
      labelWhy = 'name';
    }
  }

  if (text === null) {
    const rest = all.filter((i) => i !== label);
    const candidates = preferred(rest, [(i) => usable(i) && stats[i].numericShare < 0.5, usable, () => true]);
    text = longest(candidates, stats);
    textWhy = 'longest';
  }

  if (label === null) {
    const rest = all.filter((i) => i !== text);
    const candidates = preferred(rest, [
      (i) => usable(i) && stats[i].distinct >= 2 && looksCategorical(stats[i]),
      (i) => usable(i) && stats[i].distinct >= 2,
      usable,
      () => true,
    ]);
    label = fewestDistinct(candidates, stats);
    labelWhy = 'few-values';
  }

  const idColumns = all.filter((i) => i !== text && i !== label && stats[i].idLike).map((i) => columns[i]);
  const t = stats[text];
  const l = stats[label];
  const facts = { textWhy, labelWhy, textMeanLength: Math.round(t.meanLength), labelDistinct: l.distinct, sampleRows: Math.min(rows.length, SAMPLE_ROWS), idColumns };
  const ids = idColumns.map((name) => `"${name}"`);
  const reason =
    `Text column "${t.name}" (${WHY_WORDS[textWhy]}; ${facts.textMeanLength} characters on average) and label column ` +
    `"${l.name}" (${WHY_WORDS[labelWhy]}; ${l.distinct} distinct value${l.distinct === 1 ? '' : 's'} in the first ${facts.sampleRows} rows)` +
    (ids.length ? `; ${ids.join(', ')} look${ids.length === 1 ? 's' : ''} like a row id.` : '.');
  return { text, label, reason, facts };
}

/** Column index for a name (exact, then ignoring case and spaces) or a 0-based index. */
export function resolveColumn(spec: string | number, columns: string[], role: 'text' | 'label'): number {
  if (typeof spec === 'number') {
    if (Number.isInteger(spec) && spec >= 0 && spec < columns.length) return spec;
  } else {
    const exact = columns.indexOf(spec);
    if (exact !== -1) return exact;
    const wanted = normaliseName(spec);
    const loose = columns.findIndex((c) => normaliseName(c) === wanted);
    if (loose !== -1) return loose;
    if (/^\d+$/.test(spec.trim())) {
      const index = Number(spec.trim());
      if (index < columns.length) return index;
    }
  }
  const names = columns.map((c, i) => `${i}: "${c}"`).join(', ');
  throw new SiftError(
    'UNKNOWN_COLUMN',
    `There is no ${role} column ${typeof spec === 'number' ? `number ${spec}` : `"${spec}"`}. The columns are ${names}.`,
    { column: String(spec) },
  );
}

function nameIn(name: string, names: ReadonlySet<string>): boolean {
  const n = normaliseName(name);
  return names.has(n) || n.split(/_+/).some((word) => names.has(word));
}

/** Few distinct values relative to the rows: a category, not free text. */
function looksCategorical(s: ColumnStats): boolean {
  return s.distinct <= Math.max(2, s.filled / 2);
}

/** The candidates passing the first filter that any pass. */
function preferred(candidates: number[], filters: ((i: number) => boolean)[]): number[] {
  for (const f of filters) {
    const kept = candidates.filter(f);
    if (kept.length) return kept;
  }
  return candidates;
}

function longest(candidates: number[], stats: ColumnStats[]): number {
  return candidates.reduce((best, i) => (stats[i].meanLength > stats[best].meanLength ? i : best), candidates[0]);
}

/** Fewest distinct values; ties go to the shorter values (labels are short). */
function fewestDistinct(candidates: number[], stats: ColumnStats[]): number {
  return candidates.reduce((best, i) => {
    const a = stats[i];
    const b = stats[best];
    return a.distinct < b.distinct || (a.distinct === b.distinct && a.meanLength < b.meanLength) ? i : best;
  }, candidates[0]);
}
