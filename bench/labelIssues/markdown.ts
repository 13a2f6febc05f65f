/** The label-issues section of latest.md. */
import { markdownTable } from '../report';
import type { LabelIssuesSection } from './types';

const three = (x: number): string => x.toFixed(3);
const mark = (met: boolean): string => (met ? '' : ' ✗');

export function renderLabelIssuesMarkdown(section: LabelIssuesSection): string {
  const header = ['dataset', 'rows', 'flipped', 'method', 'precision@K', 'flagged', 'precision', 'recall', 'F1', 's', 'issues ÷ train (s / process)'];
  const rows: string[][] = [];
  for (const r of section.results) {
    if (r.status === 'failed') {
      rows.push([r.dataset, '', '', `failed: ${r.error.slice(0, 200)}`, '', '', '', '', '', '', '']);
      continue;
    }
    rows.push([
      r.dataset,
      String(r.rows),
      String(r.flipped),
      'sift issues',
      three(r.sift.precisionAtK) + mark(r.targets.precisionAtK),
      String(r.sift.flagged),
      three(r.sift.precision),
      three(r.sift.recall),
      three(r.sift.f1) + mark(r.targets.f1),
      r.sift.seconds.toFixed(1),
      `${r.timeRatio.toFixed(1)}× / ${r.processTimeRatio.toFixed(1)}×${mark(r.targets.time)}`,
    ]);
    rows.push([
      r.dataset,
      '',
      '',
      'reference (TF-IDF + LR)',
      three(r.reference.precisionAtK),
      String(r.reference.flagged),
      three(r.reference.precision),
      three(r.reference.recall),
      three(r.reference.f1),
      r.reference.seconds.toFixed(1),
      `one sift train: ${r.train.seconds.toFixed(2)} s`,
    ]);
  }
  return [
    '## Label problems (confident learning)',
    '',
    `${Math.round(section.share * 100)}% of the labels flipped by \`${section.noisyTool}\` (seed ${section.seed}); then \`sift issues --json --top K\` (K = rows flipped, ${section.folds} folds, Sift's default settings) and the reference \`${section.referenceTool}\` (TF-IDF + logistic regression out-of-fold probabilities, the same confident-learning rules) on the same file. *precision@K*: share of the K most suspicious rows that were flipped; *flagged* / *precision* / *recall* / *F1*: of the rows the method flags. *s*: Sift's \`seconds\` (all folds and confident learning), the reference's own timing. *issues ÷ train*: Sift's \`issues\` seconds over one \`sift train\` on the same file (and the same for whole processes); the target is at most ${section.maxTimeRatio}×. ✗ marks a figure that misses its target (Sift at least the reference's, time within ${section.maxTimeRatio}×).`,
    '',
    markdownTable(header, rows),
    '',
  ].join('\n');
}
