/**
 * A data-check problem in the page's language, from the facts the engine gives with it (its
 * `message` is the CLI's English; in English the two agree word for word: consistency.test.ts).
 */
import type { Problem, RowsNamed } from '@/core/dataset/types';
import { encodingName, formatCount, formatPercent } from '../common/format';
import type { T } from '../i18n';

/** "row 312 (line 318)", "rows 4 (line 5), 9 (line 10) and 12 more"; `start`: at the head of a sentence. */
export function rowsText(t: T, rows: RowsNamed, start = false): string {
  const items = rows.shown.map(({ row, line }) =>
    line === undefined ? t('data.problems.rowItem', { row: formatCount(row) }) : t('data.problems.rowItemLine', { row: formatCount(row), line: formatCount(line) }),
  );
  const more = rows.total - items.length;
  if (more > 0) return t(start ? 'data.problems.RowsMore' : 'data.problems.rowsMore', { list: items.join(t('common.format.listSeparator')), more: formatCount(more) });
  return t(start ? 'data.problems.Rows' : 'data.problems.rows', { list: joinAnd(t, items), count: rows.total });
}

/** "a, b and c" / "a、b和c". */
export function joinAnd(t: T, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(t('common.format.listSeparator'))}${t('data.problems.and')}${items[items.length - 1]}`;
}

export function problemMessage(t: T, p: Pick<Problem, 'facts'>): string {
  const f = p.facts;
  const skipped = (rows: RowsNamed) => t('data.problems.skipped', { count: rows.total });
  switch (f.kind) {
    case 'empty-text':
      return t('data.problems.emptyText', { column: f.column, rows: rowsText(t, f.rows), skipped: skipped(f.rows) });
    case 'empty-label':
      return t('data.problems.emptyLabel', { column: f.column, rows: rowsText(t, f.rows), skipped: skipped(f.rows) });
    case 'ragged-joined':
      return t('data.problems.raggedJoined', { count: f.rows.total, rows: rowsText(t, f.rows, true), fields: t('data.problems.fields', { count: f.fields }) });
    case 'ragged-left-out':
      return t('data.problems.raggedLeftOut', { count: f.rows.total, rows: rowsText(t, f.rows, true), fields: t('data.problems.fields', { count: f.fields }), column: f.labelColumn });
    case 'ragged-too-few':
      return t('data.problems.raggedTooFew', { count: f.rows.total, rows: rowsText(t, f.rows, true), columns: formatCount(f.columns), missing: t(`data.problems.missing.${f.missing}`), skipped: skipped(f.rows) });
    case 'unbalanced-quotes':
      return t('data.problems.unbalancedQuotes', { count: f.rows.total, rows: rowsText(t, f.rows) });
    case 'single-class':
      return t('data.problems.singleClass', { label: f.label, column: f.column });
    case 'rare-classes': {
      const names = f.labels.map((l) => t('data.problems.rareLabel', { label: l.label, rows: rowsText(t, l.rows) }));
      if (f.count === 1) return t('data.problems.rareOne', { name: names[0] });
      const more = f.count > f.labels.length ? t('data.problems.rareMore', { n: formatCount(f.count - f.labels.length) }) : '';
      return t('data.problems.rareMany', { count: f.count, names: names.join(t('common.format.listSeparator')), more });
    }
    case 'label-variants':
      return t('data.problems.labelVariants', { spellings: joinAnd(t, f.spellings.map((c) => t('data.problems.spelling', { label: c.label, count: c.count }))), rows: rowsText(t, f.rows) });
    case 'duplicates':
      return t('data.problems.duplicates', { count: f.rows.total, rows: rowsText(t, f.rows) });
    case 'conflicting':
      return t('data.problems.conflicting', {
        labels: joinAnd(t, f.labels.map((text) => t('data.problems.quoted', { text }))),
        rows: rowsText(t, f.rows),
        others: f.others > 0 ? t('data.problems.conflictingOthers', { count: f.others }) : '',
      });
    case 'too-many-classes':
      return t('data.problems.tooManyClasses', { column: f.column, values: t('data.problems.values', { count: f.classes }), max: formatCount(f.max) });
    case 'long-labels':
      return t('data.problems.longLabels', { count: f.count, column: f.column, max: formatCount(f.maxChars), longest: formatCount(f.longest) });
    case 'many-classes':
      return t('data.problems.manyClasses', { column: f.column, values: t('data.problems.values', { count: f.classes }), rows: t('data.source.rows', { count: f.rows }) });
    case 'imbalanced':
      return t('data.problems.imbalanced', {
        largest: f.largest.label,
        largestCount: t('common.examples', { count: f.largest.count }),
        smallest: f.smallest.label,
        smallestCount: formatCount(f.smallest.count),
      });
    case 'huge-fields':
      return t('data.problems.hugeFields', { count: f.rows.total, rows: rowsText(t, f.rows, true), max: formatCount(f.maxChars), longest: formatCount(f.longest) });
    case 'broken-utf8':
      return t('data.problems.brokenUtf8');
    case 'unsure-encoding':
      return t('data.problems.unsureEncoding', { encoding: encodingName(f.encoding), percent: formatPercent(f.confidence, 0) });
  }
}
