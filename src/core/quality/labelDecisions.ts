/**
 * What a person decided about rows that "Find label problems" listed: give the row another label,
 * leave it out, or keep it as the file has it. The decisions sit beside the file (the file itself
 * is never changed in place); training applies them to the examples, and the corrected CSV writes
 * them into a copy of the file (correctedCsv.ts).
 */
import type { ClassCount, Example } from '../dataset/types';

export type LabelAction = 'relabel' | 'drop' | 'keep';

/**
 * One decision about one row. `given` is the label the file gave the row when the decision was
 * made: a decision whose row no longer has that label (the file was read with other options, so
 * row numbers or the label column mean something else) is stale and is not applied.
 */
export type LabelDecision =
  | { row: number; given: string; action: 'relabel'; label: string }
  | { row: number; given: string; action: 'drop' }
  | { row: number; given: string; action: 'keep' };

export interface AppliedDecisions {
  /** The examples to train on: relabelled rows carry their new label, dropped rows are gone. Row numbers are the file's. */
  examples: Example[];
  relabelled: number;
  dropped: number;
  kept: number;
  /** Rows of decisions that did not match the data (no such example, or its label is not `given`), in row order. */
  stale: number[];
}

/**
 * Applies decisions to examples: relabel replaces the label, drop removes the example, keep
 * leaves it. Order and row numbers stay the file's, so a split seeded the same way puts the
 * remaining rows where a run on the corrected file would. A relabel to the label the row already
 * has changes nothing and is not counted. Pure: `examples` is not modified.
 */
export function applyLabelDecisions(examples: readonly Example[], decisions: readonly LabelDecision[]): AppliedDecisions {
  const byRow = decisionsByRow(decisions);
  const matched = new Set<number>();
  const out: Example[] = [];
  let relabelled = 0;
  let dropped = 0;
  let kept = 0;
  for (const example of examples) {
    const decision = byRow.get(example.row);
    if (!decision || decision.given !== example.label) {
      out.push(example);
      continue;
    }
    matched.add(example.row);
    switch (decision.action) {
      case 'relabel':
        if (decision.label === example.label) {
          out.push(example);
        } else {
          out.push({ ...example, label: decision.label });
          relabelled++;
        }
        break;
      case 'drop':
        dropped++;
        break;
      case 'keep':
        out.push(example);
        kept++;
        break;
    }
  }
  const stale = [...byRow.keys()].filter((row) => !matched.has(row)).sort((a, b) => a - b);
  return { examples: out, relabelled, dropped, kept, stale };
}

/** One decision per row; a later decision about the same row replaces an earlier one. */
export function decisionsByRow(decisions: readonly LabelDecision[]): Map<number, LabelDecision> {
  const byRow = new Map<number, LabelDecision>();
  for (const d of decisions) byRow.set(d.row, d);
  return byRow;
}

export interface DecisionCounts {
  relabelled: number;
  dropped: number;
  kept: number;
}

/** How many rows each kind of decision concerns (a relabel to the same label counts as kept). */
export function countDecisions(decisions: readonly LabelDecision[]): DecisionCounts {
  const counts: DecisionCounts = { relabelled: 0, dropped: 0, kept: 0 };
  for (const d of decisionsByRow(decisions).values()) {
    if (d.action === 'drop') counts.dropped++;
    else if (d.action === 'relabel' && d.label !== d.given) counts.relabelled++;
    else counts.kept++;
  }
  return counts;
}

/**
 * The class counts after the decisions, from the counts of the file as read: each relabel moves
 * one row from its given label to the new one, each drop removes one. Exact, given decisions that
 * match the data (as `applyLabelDecisions` checks); classes left with no rows are left out.
 */
export function correctedClassCounts(classes: readonly ClassCount[], decisions: readonly LabelDecision[]): ClassCount[] {
  const counts = new Map(classes.map((c) => [c.label, c.count]));
  const add = (label: string, by: number) => counts.set(label, (counts.get(label) ?? 0) + by);
  for (const d of decisionsByRow(decisions).values()) {
    if (!counts.has(d.given)) continue; // not a label of this file: stale
    if (d.action === 'drop') add(d.given, -1);
    else if (d.action === 'relabel' && d.label !== d.given) {
      add(d.given, -1);
      add(d.label, 1);
    }
  }
  return [...counts].filter(([, count]) => count > 0).map(([label, count]) => ({ label, count }));
}
