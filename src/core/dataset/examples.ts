import { capitalise, describeRows, plural, problem, type LineOf } from './problems';
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
 * its text ("Hello, world,ham"), so the extra fields are joined back into the text.
 */
export function extractExamples(table: ParsedTable, choice: ColumnChoice): ExtractedExamples {
  const width = table.columns.length;
  const lineOf: LineOf = (row) => table.rowLines[row - 1];
  const examples: Example[] = [];
  const emptyText: number[] = [];
  const emptyLabel: number[] = [];
  const tooMany: number[] = [];
  const tooFew: number[] = [];
  let skippedRows = 0;

  for (let i = 0; i < table.rows.length; i++) {
    const rowNumber = i + 1;
    let fields = table.rows[i];
    if (fields.length > width) {
      // A trailing delimiter ("text,label,") adds only empty fields: harmless, drop them.
      let end = fields.length;
      while (end > width && fields[end - 1].trim() === '') end--;
      fields = fields.slice(0, end);
    }
    if (fields.length > width) {
      tooMany.push(rowNumber);
      const extra = fields.length - width;
      const t = choice.text;
      // After the join every column index is where the header says it is again.
      fields = [...fields.slice(0, t), fields.slice(t, t + extra + 1).join(table.delimiter), ...fields.slice(t + extra + 1)];
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

  const textName = `"${table.columns[choice.text]}"`;
  const labelName = `"${table.columns[choice.label]}"`;
  const problems: Problem[] = [];
  if (emptyText.length) {
    problems.push(
      problem('EMPTY_TEXT', 'warning', emptyText, `The text (column ${textName}) is empty in ${describeRows(emptyText, lineOf)}; ${skippedPhrase(emptyText.length)}. Fill in the text or delete the row.`),
    );
  }
  if (emptyLabel.length) {
    problems.push(
      problem('EMPTY_LABEL', 'warning', emptyLabel, `The label (column ${labelName}) is empty in ${describeRows(emptyLabel, lineOf)}; ${skippedPhrase(emptyLabel.length)}. Add the label or delete the row.`),
    );
  }
  if (tooMany.length) {
    problems.push(
      problem(
        'RAGGED_ROW',
        'warning',
        tooMany,
        `${capitalise(describeRows(tooMany, lineOf))} ${tooMany.length === 1 ? 'has' : 'have'} more than ${plural(width, 'field')}; ` +
          'Sift joined the extra fields into the text (probably an unquoted delimiter in the text). Check them, or quote such texts.',
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
      ),
    );
  }
  return { examples, skippedRows, problems };
}

function skippedPhrase(n: number): string {
  return n === 1 ? 'that row was skipped' : 'those rows were skipped';
}
