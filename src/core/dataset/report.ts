import { BUNDLE_LIMITS } from '../bundle/limits';
import { measureLengths, suggestSequenceLength, suggestVocabularySize } from './lengths';
import { findPiiInExamples } from './pii';
import { capitalise, describeRows, joinAnd, namedRows, plural, problem, type LineOf } from './problems';
import { progressSpan, reportEvery } from './progress';
import type { ClassCount, DatasetReport, Example, Problem } from './types';

/**
 * The data check shown before training: classes, lengths, duplicates and everything a person
 * should fix or know, each problem with rows and a sentence they can act on.
 */

export interface ReportInput {
  examples: Example[];
  /** Non-blank data rows in the file (header excluded). */
  totalRows: number;
  skippedRows: number;
  /** Problems found while reading (encoding, quotes, ragged or empty rows). */
  problems: Problem[];
  lineOf: LineOf;
  labelColumn: string;
  /** Characters tokenised for the length statistics before sampling (see lengths.ts). */
  tokenizeBudget?: number;
  /** Hears how far the check is (0..1); tokenising the texts is most of its work. */
  onProgress?: (fraction: number) => void;
}

/**
 * Where each part of the check ends on its progress bar, from measured CPU times on 1,000,000 AG
 * News rows: classes ~0.1 s, duplicates ~0.6 s, personal data in every text ~0.7 s, the lengths
 * of a sample ~0.3 s.
 */
const PROGRESS_AFTER = { classes: 0.05, duplicates: 0.35, pii: 0.75 } as const;

/** A text longer than this (characters) is flagged: probably a pasted file or a broken quote. */
export const HUGE_FIELD_CHARS = 100_000;
/** Largest / smallest class ratio from which classes are called imbalanced. */
const IMBALANCE_RATIO = 5;
/** At most this many label-variant groups are reported one by one. */
const MAX_VARIANT_GROUPS = 10;

const SEVERITY_ORDER: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * Builds the data check from the usable examples and the problems met while reading. Problems
 * come out errors first, then warnings, then notes (in the order found within each).
 */
export function buildReport(input: ReportInput): DatasetReport {
  const { examples, lineOf } = input;
  const problems: Problem[] = [...input.problems];
  const classes = countClasses(examples);
  const rowsByLabel = groupRows(examples);

  if (classes.length === 1) {
    problems.push(
      problem(
        'SINGLE_CLASS',
        'error',
        [],
        `Every usable row has the same label "${classes[0].label}" (column "${input.labelColumn}"), so there is nothing to tell ` +
          'apart: Sift cannot train. Add examples of at least one other label, or choose another label column.',
        { kind: 'single-class', label: classes[0].label, column: input.labelColumn },
        classes[0].count,
      ),
    );
  }
  problems.push(...rareClassProblems(classes, rowsByLabel, lineOf));
  problems.push(...labelVariantProblems(classes, rowsByLabel, lineOf));
  input.onProgress?.(PROGRESS_AFTER.classes);
  const duplicates = duplicateProblems(examples, lineOf, progressSpan(input.onProgress, PROGRESS_AFTER.classes, PROGRESS_AFTER.duplicates));
  problems.push(...duplicates.problems);
  problems.push(...classBalanceProblems(classes, examples.length, input.labelColumn));
  problems.push(...hugeFieldProblems(examples, lineOf));

  const pii = findPiiInExamples(examples, progressSpan(input.onProgress, PROGRESS_AFTER.duplicates, PROGRESS_AFTER.pii));
  const { lengths, distinctWords } = measureLengths(
    examples.map((e) => e.text),
    input.tokenizeBudget,
    progressSpan(input.onProgress, PROGRESS_AFTER.pii, 1),
  );
  const trainable = classes.length >= 2 && !problems.some((p) => p.severity === 'error');
  return {
    totalRows: input.totalRows,
    usableExamples: examples.length,
    skippedRows: input.skippedRows,
    classes,
    lengths,
    duplicateTexts: duplicates.duplicateTexts,
    conflictingTexts: duplicates.conflictingTexts,
    suggestedSequenceLength: suggestSequenceLength(lengths.p95),
    suggestedVocabularySize: suggestVocabularySize(distinctWords),
    problems: problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
    pii,
    trainable,
  };
}

/** Classes by count, largest first (ties alphabetical, so the order is stable). */
export function countClasses(examples: Example[]): ClassCount[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function groupRows(examples: Example[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const e of examples) {
    const list = rows.get(e.label);
    if (list) list.push(e.row);
    else rows.set(e.label, [e.row]);
  }
  return rows;
}

function rareClassProblems(classes: ClassCount[], rowsByLabel: Map<string, number[]>, lineOf: LineOf): Problem[] {
  if (classes.length < 2) return [];
  const rare = classes.filter((c) => c.count < 2);
  if (rare.length === 0) return [];
  const rows = rare.flatMap((c) => rowsByLabel.get(c.label) ?? []).sort((a, b) => a - b);
  const names = rare.slice(0, 5).map((c) => `"${c.label}" (${describeRows(rowsByLabel.get(c.label) ?? [], lineOf)})`);
  const more = rare.length > 5 ? ` and ${rare.length - 5} more` : '';
  const subject = rare.length === 1 ? `The label ${names[0]} has` : `${rare.length} labels have`;
  const list = rare.length === 1 ? '' : `: ${names.join(', ')}${more}`;
  return [
    problem(
      'RARE_CLASS',
      'warning',
      rows,
      `${subject} only one example${list}. A label needs at least 2 (one to learn from, one to check): add examples or fix the label.`,
      { kind: 'rare-classes', labels: rare.slice(0, 5).map((c) => ({ label: c.label, rows: namedRows(rowsByLabel.get(c.label) ?? [], lineOf) })), count: rare.length },
    ),
  ];
}

/** "Spam", " spam" and "SPAM" are one label to a person; say so instead of training three classes. */
function labelVariantProblems(classes: ClassCount[], rowsByLabel: Map<string, number[]>, lineOf: LineOf): Problem[] {
  const groups = new Map<string, ClassCount[]>();
  for (const c of classes) {
    const key = c.label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || problems.length >= MAX_VARIANT_GROUPS) continue;
    // classes are sorted by count, so group[0] is the most used spelling.
    const minority = group.slice(1).flatMap((c) => rowsByLabel.get(c.label) ?? []).sort((a, b) => a - b);
    const spellings = joinAnd(group.map((c) => `"${c.label}" (${plural(c.count, 'row')})`));
    problems.push(
      problem(
        'LABEL_VARIANTS',
        'warning',
        minority,
        `${spellings} look like the same label; Sift treats them as different labels. If they are the same, ` +
          `write them identically (see ${describeRows(minority, lineOf)}).`,
        { kind: 'label-variants', spellings: group.map((c) => ({ label: c.label, count: c.count })), rows: namedRows(minority, lineOf) },
      ),
    );
  }
  return problems;
}

interface DuplicateResult {
  duplicateTexts: number;
  conflictingTexts: number;
  problems: Problem[];
}

function duplicateProblems(examples: Example[], lineOf: LineOf, onProgress?: (fraction: number) => void): DuplicateResult {
  // The first example of each text, and a list only for texts seen again: a list per text would
  // be a million small arrays for a file of a million distinct texts.
  const firstOf = new Map<string, number>();
  const repeatedGroups = new Map<number, Example[]>();
  const repeats: number[] = [];
  const every = reportEvery(examples.length);
  examples.forEach((e, i) => {
    if (i % every === 0) onProgress?.(i / examples.length);
    const first = firstOf.get(e.text);
    if (first === undefined) {
      firstOf.set(e.text, i);
      return;
    }
    repeats.push(e.row);
    const group = repeatedGroups.get(first);
    if (group) group.push(e);
    else repeatedGroups.set(first, [examples[first], e]);
  });
  // In the order the texts first appear, as a person reads the file.
  const conflicts: Example[][] = [];
  for (const first of [...repeatedGroups.keys()].sort((a, b) => a - b)) {
    const group = repeatedGroups.get(first) as Example[];
    if (group.some((e) => e.label !== group[0].label)) conflicts.push(group);
  }

  const problems: Problem[] = [];
  if (repeats.length) {
    problems.push(
      problem(
        'DUPLICATE_TEXT',
        'info',
        repeats,
        `${plural(repeats.length, 'row')} repeat${repeats.length === 1 ? 's' : ''} a text that appears earlier in the file ` +
          `(${describeRows(repeats, lineOf)}). Repeated texts weigh more in training and can appear in both training and ` +
          'validation; remove them if they are accidental.',
        { kind: 'duplicates', rows: namedRows(repeats, lineOf) },
      ),
    );
  }
  if (conflicts.length) {
    const rows = conflicts.flatMap((g) => g.map((e) => e.row)).sort((a, b) => a - b);
    const first = conflicts[0];
    const labels = joinAnd([...new Set(first.map((e) => `"${e.label}"`))]);
    const others = conflicts.length > 1 ? ` (and ${plural(conflicts.length - 1, 'other text')})` : '';
    problems.push(
      problem(
        'CONFLICTING_LABELS',
        'warning',
        rows,
        `The same text has different labels (${labels}) in ${describeRows(first.map((e) => e.row), lineOf)}${others}. ` +
          'Decide which label is right and fix or delete the others.',
        { kind: 'conflicting', labels: [...new Set(first.map((e) => e.label))], rows: namedRows(first.map((e) => e.row), lineOf), others: conflicts.length - 1 },
      ),
    );
  }
  return { duplicateTexts: repeats.length, conflictingTexts: conflicts.length, problems };
}

function classBalanceProblems(classes: ClassCount[], usable: number, labelColumn: string): Problem[] {
  const problems: Problem[] = [];
  // Beyond what a model file holds (bundle/limits.ts), training would end in a model that cannot
  // be saved or reopened: say so before training, not after.
  if (classes.length > BUNDLE_LIMITS.classes) {
    problems.push(
      problem(
        'MANY_CLASSES',
        'error',
        [],
        `The label column "${labelColumn}" has ${plural(classes.length, 'different value')}; a Sift model holds at most ` +
          `${BUNDLE_LIMITS.classes.toLocaleString('en-US')} labels. Choose the label column, or merge labels.`,
        { kind: 'too-many-classes', column: labelColumn, classes: classes.length, max: BUNDLE_LIMITS.classes },
        classes.length,
      ),
    );
    return problems;
  }
  const long = classes.filter((c) => c.label.length > BUNDLE_LIMITS.labelChars);
  if (long.length > 0) {
    problems.push(
      problem(
        'LONG_LABEL',
        'error',
        [],
        `${plural(long.length, 'label')} of the column "${labelColumn}" ${long.length === 1 ? 'is' : 'are'} longer than ` +
          `${BUNDLE_LIMITS.labelChars.toLocaleString('en-US')} characters (up to ${Math.max(...long.map((c) => c.label.length)).toLocaleString('en-US')}), ` +
          'more than a Sift model holds. Is it really the label column?',
        { kind: 'long-labels', column: labelColumn, count: long.length, maxChars: BUNDLE_LIMITS.labelChars, longest: Math.max(...long.map((c) => c.label.length)) },
        long.length,
      ),
    );
  }
  if (classes.length > 200 || (classes.length > 10 && classes.length > usable / 2)) {
    problems.push(
      problem(
        'MANY_CLASSES',
        'warning',
        [],
        `The label column "${labelColumn}" has ${plural(classes.length, 'different value')} for ${plural(usable, 'row')}. ` +
          'Is it really the label? If not, choose the label column; if it is, each label needs several examples.',
        { kind: 'many-classes', column: labelColumn, classes: classes.length, rows: usable },
        classes.length,
      ),
    );
  }
  if (classes.length >= 2) {
    const largest = classes[0];
    const smallest = classes[classes.length - 1];
    if (largest.count >= IMBALANCE_RATIO * smallest.count) {
      problems.push(
        problem(
          'IMBALANCED_CLASSES',
          'info',
          [],
          `The labels are imbalanced: "${largest.label}" has ${plural(largest.count, 'example')}, "${smallest.label}" only ` +
            `${smallest.count.toLocaleString('en-US')}. Accuracy can look good while the small labels are missed; watch their ` +
            'scores, or set class weighting to balanced.',
          { kind: 'imbalanced', largest: { ...largest }, smallest: { ...smallest } },
          classes.length,
        ),
      );
    }
  }
  return problems;
}

function hugeFieldProblems(examples: Example[], lineOf: LineOf): Problem[] {
  const huge = examples.filter((e) => e.text.length > HUGE_FIELD_CHARS);
  if (huge.length === 0) return [];
  const longest = huge.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return [
    problem(
      'HUGE_FIELD',
      'info',
      huge.map((e) => e.row),
      `${capitalise(describeRows(huge.map((e) => e.row), lineOf))} ${huge.length === 1 ? 'has a text' : 'have texts'} of more than ` +
        `${HUGE_FIELD_CHARS.toLocaleString('en-US')} characters (up to ${longest.text.length.toLocaleString('en-US')}). ` +
        'Only the start of a text is used for training; if this is a broken quote or a pasted file, fix the row.',
      { kind: 'huge-fields', rows: namedRows(huge.map((e) => e.row), lineOf), maxChars: HUGE_FIELD_CHARS, longest: longest.text.length },
    ),
  ];
}
