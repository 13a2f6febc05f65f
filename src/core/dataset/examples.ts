import { capitalise, describeRows, namedRows, plural, problem, type LineOf } from './problems';
import { reportEvery } from './progress';
import type { ColumnChoice, Example, ParsedTable, Problem } from './types';

export interface ExtractedExamples {
  examples: Example[];
  /** Rows skipped (empty text or label, too few fields). */
  skippedRows: number;
  problems: Problem[];
}

/**
 * Table rows → labelled examples. Texts and labels are trimmed; rows without a text or a label
 * are skipped and reported. A row with too many fields most often has an unquoted delimiter in
 * its text ("Hello, world,ham"), so the extra fields are joined back into the text (see
 * `repairRaggedRow` for when they are left out instead). Every repair is reported as it was made.
 */
export function extractExamples(table: ParsedTable, choice: ColumnChoice, onProgress?: (fraction: number) => void): ExtractedExamples {
  const width = table.columns.length;
  const lineOf: LineOf = (row) => table.rowLines[row - 1];
  const examples: Example[] = [];
  const emptyText: number[] = [];
  const emptyLabel: number[] = [];
  const joined: number[] = [];
  const leftOut: number[] = [];
  const tooFew: number[] = [];
  let skippedRows = 0;
  const knownLabels = labelsOfWellFormedRows(table, choice);

  const every = reportEvery(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) {
    if (i % every === 0) onProgress?.(i / table.rows.length);
    const rowNumber = i + 1;
    let fields = withoutTrailingEmpties(table.rows[i], width);
    if (fields.length > width) {
      const repaired = repairRaggedRow(fields, width, choice, table.delimiter, knownLabels);
      (repaired.repair === 'joined' ? joined : leftOut).push(rowNumber);
      fields = repaired.fields;
    }
    if (fields.length <= Math.max(choice.text, choice.label)) {
      tooFew.push(rowNumber);
      skippedRows++;
      continue;
    }
    const text = fields[choice.text].trim();
    const labelValue = fields[choice.label].trim();
    if (text === '') emptyText.push(rowNumber);
    if (labelValue === '') emptyLabel.push(rowNumber);
    if (text === '' || labelValue === '') {
      skippedRows++;
      continue;
    }
    examples.push({ text, label: labelValue, row: rowNumber });
  }
  onProgress?.(1);

  const textName = `"${table.columns[choice.text]}"`;
  const labelName = `"${table.columns[choice.label]}"`;
  const problems: Problem[] = [];
  if (emptyText.length) {
    problems.push(
      problem('EMPTY_TEXT', 'warning', emptyText, `The text (column ${textName}) is empty in ${describeRows(emptyText, lineOf)}; ${skippedPhrase(emptyText.length)}. Fill in the text or delete the row.`, {
        kind: 'empty-text',
        column: table.columns[choice.text],
        rows: namedRows(emptyText, lineOf),
      }),
    );
  }
  if (emptyLabel.length) {
    problems.push(
      problem('EMPTY_LABEL', 'warning', emptyLabel, `The label (column ${labelName}) is empty in ${describeRows(emptyLabel, lineOf)}; ${skippedPhrase(emptyLabel.length)}. Add the label or delete the row.`, {
        kind: 'empty-label',
        column: table.columns[choice.label],
        rows: namedRows(emptyLabel, lineOf),
      }),
    );
  }
  if (joined.length) {
    problems.push(
      problem(
        'RAGGED_ROW',
        'warning',
        joined,
        `${capitalise(describeRows(joined, lineOf))} ${joined.length === 1 ? 'has' : 'have'} more than ${plural(width, 'field')}; ` +
          'Sift joined the extra fields into the text (probably an unquoted delimiter in the text). Check them, or quote such texts.',
        { kind: 'ragged-joined', fields: width, rows: namedRows(joined, lineOf) },
      ),
    );
  }
  if (leftOut.length) {
    problems.push(
      problem(
        'RAGGED_ROW',
        'warning',
        leftOut,
        `${capitalise(describeRows(leftOut, lineOf))} ${leftOut.length === 1 ? 'has' : 'have'} more than ${plural(width, 'field')}, ` +
          `with a known label in the label column ${labelName}: Sift kept that label and left out the extra fields after it. ` +
          'Check them, or quote fields that hold the delimiter.',
        { kind: 'ragged-left-out', fields: width, labelColumn: table.columns[choice.label], rows: namedRows(leftOut, lineOf) },
      ),
    );
  }
  if (tooFew.length) {
    problems.push(
      problem(
        'RAGGED_ROW',
        'warning',
        tooFew,
        `${capitalise(describeRows(tooFew, lineOf))} ${tooFew.length === 1 ? 'has' : 'have'} fewer fields than the ${width} columns and no ` +
          `${choice.label > choice.text ? 'label' : 'text'}; ${skippedPhrase(tooFew.length)}.`,
        { kind: 'ragged-too-few', columns: width, missing: choice.label > choice.text ? 'label' : 'text', rows: namedRows(tooFew, lineOf) },
      ),
    );
  }
  return { examples, skippedRows, problems };
}

function skippedPhrase(n: number): string {
  return n === 1 ? 'that row was skipped' : 'those rows were skipped';
}

/** A trailing delimiter ("text,label,") adds only empty fields: harmless, so they are dropped. */
function withoutTrailingEmpties(fields: string[], width: number): string[] {
  let end = fields.length;
  while (end > width && fields[end - 1].trim() === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}

/** The labels of the rows that have exactly the header's number of fields: no guess involved. */
function labelsOfWellFormedRows(table: ParsedTable, choice: ColumnChoice): Set<string> {
  const width = table.columns.length;
  const labels = new Set<string>();
  for (const row of table.rows) {
    const fields = withoutTrailingEmpties(row, width);
    if (fields.length === width) labels.add(fields[choice.label].trim());
  }
  return labels;
}

interface RepairedRow {
  /** The row with exactly one field per column again. */
  fields: string[];
  /** joined: the extra fields went into the text; leftOut: they came after the label and were dropped. */
  repair: 'joined' | 'leftOut';
}

/**
 * A row with `extra` more fields than the header has columns. Either the text holds unquoted
 * delimiters ("Hello, world,ham": every column after the text moves `extra` places right), or
 * the row has fields after its last column ("text,ham,extra,fields": every column is where the
 * header says). The label must be read from where it really is:
 * - label before the text ("ham,Hello, world"): the label is where the header says either way;
 *   the extra fields are joined into the text.
 * - text before the label: the field `extra` places right of the label column is the label when
 *   the text held the delimiters, the field in the label column itself when fields were added
 *   after it. The one that is a label of some well-formed row wins; when both or neither are,
 *   the text is taken to hold the delimiters, by far the commonest cause.
 */
export function repairRaggedRow(
  fields: readonly string[],
  width: number,
  choice: ColumnChoice,
  delimiter: string,
  knownLabels: ReadonlySet<string>,
): RepairedRow {
  const extra = fields.length - width;
  const t = choice.text;
  if (choice.label > t) {
    const inPlace = knownLabels.has(fields[choice.label].trim());
    const shifted = knownLabels.has(fields[choice.label + extra].trim());
    if (inPlace && !shifted) return { fields: fields.slice(0, width), repair: 'leftOut' };
  }
  // After the join every column index is where the header says it is again.
  return {
    fields: [...fields.slice(0, t), fields.slice(t, t + extra + 1).join(delimiter), ...fields.slice(t + extra + 1)],
    repair: 'joined',
  };
}
