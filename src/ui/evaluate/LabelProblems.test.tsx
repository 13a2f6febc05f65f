/**
 * The label-problems step rendered to HTML in Node (react-dom/server, which reads a store's
 * initial state only, hence the views take props) from a real file's rows and data check: what a
 * person and a screen reader get while the search runs, and after it.
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { fingerprintOf } from '@/core/dataset/fingerprint';
import type { LabelIssue } from '@/core/quality/findLabelIssues';
import type { LabelDecision } from '@/core/quality/labelDecisions';
import { correctedClassCounts, countDecisions } from '@/core/quality/labelDecisions';
import { CorrectionsNote } from '../data/LabelCorrections';
import { LabelProblemsView, type LabelProblemsViewProps } from './LabelProblems';
import { PAGE_SIZE } from './LabelProblemList';

const bytes = new Uint8Array(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam_noisy5.csv'));
const { examples, ...rest } = loadDataset(bytes);
const parsed = { source: { file: new Blob([bytes]), fileName: 'sms_spam_noisy5.csv', options: {} }, summary: { ...rest, fileName: 'sms_spam_noisy5.csv', byteLength: bytes.byteLength, fingerprint: fingerprintOf(bytes), exampleCount: examples.length } };

/** 45 rows as the search would flag them (the file's real texts and labels, the other label suggested). */
const issues: LabelIssue[] = examples.slice(0, 45).map((e, i) => ({
  row: e.row,
  text: e.row === 3 ? `${e.text} ${'and on '.repeat(60)}` : e.text,
  label: e.label,
  suggested: e.label === 'ham' ? 'spam' : 'ham',
  selfConfidence: 0.01 + i / 1000,
  suggestedProbability: 0.99 - i / 1000,
  flagged: true,
  rank: i + 1,
}));

function show(view: Partial<LabelProblemsViewProps>): string {
  const decisions = view.decisions ?? [];
  const props: LabelProblemsViewProps = { search: { status: 'idle' }, found: null, blocked: null, hasData: true, ...view, decisions, counts: countDecisions(decisions) };
  return renderToStaticMarkup(<LabelProblemsView {...props} />);
}

describe('LabelProblems', () => {
  it('offers the search once a dataset is loaded, and says why it cannot start', () => {
    const html = show({});
    expect(html).toContain('>Find label problems</button>');
    expect(html).not.toContain('Possible label problems');
    const blocked = show({ blocked: 'training' });
    expect(blocked).toMatch(/<button[^>]*disabled=""[^>]*aria-describedby="label-problems-blocked"[^>]*>Find label problems<\/button>/);
    expect(blocked).toContain('A model is training');
  });

  it('while searching: a determinate bar, the fold, the time left, Cancel, and why Train waits', () => {
    const html = show({ search: { status: 'finding', startedAt: 0, cancelling: false, progress: { fold: 2, folds: 5, epoch: 1, fraction: 0.37, elapsedSeconds: 6, etaSeconds: 10.2 } } });
    expect(html).toMatch(/<progress[^>]*value="0.37"[^>]*aria-label="Finding label problems"/);
    expect(html).toContain('Fold 2 of 5 · 37% · about 10 s left');
    expect(html).toContain('>Cancel</button>');
    expect(html).toContain('Training waits until this has finished or is cancelled');
  });

  it('lists a page of findings with the three choices, the decisions with Undo, and the counts', () => {
    const decisions: LabelDecision[] = [
      { row: issues[0].row, given: issues[0].label, action: 'relabel', label: issues[0].suggested },
      { row: issues[1].row, given: issues[1].label, action: 'drop' },
    ];
    const html = show({ found: { rows: examples.length, folds: 5, seconds: 14, labels: ['ham', 'spam'], issues }, decisions });
    expect(html).toContain('45 of 5,574 rows may be mislabelled (5 folds, 14 s). <strong>2</strong> decided, <strong>43</strong> left.');
    expect(html).toMatch(/<ol[^>]*aria-label="Possible label problems"/);
    expect(html.match(/<li /g)).toHaveLength(PAGE_SIZE);
    expect(html).toContain('Page 1 of 3');
    expect(html).toContain(`Relabelled as ${issues[0].suggested}`);
    expect(html).toContain('>Dropped</span>');
    expect(html.match(/>Undo</g)).toHaveLength(2);
    expect(html.match(/>Relabel as (ham|spam)</g)).toHaveLength(PAGE_SIZE - 2);
    expect(html.match(/>Drop row</g)).toHaveLength(PAGE_SIZE - 2);
    expect(html.match(/>Keep as is</g)).toHaveLength(PAGE_SIZE - 2);
    expect(html).toContain(`Row 3: given <strong>${issues[2].label}</strong>, suggested <strong>${issues[2].suggested}</strong>`);
    // The long text is folded, with a button for the rest.
    expect(html).toMatch(/aria-expanded="false"[^>]*>Show the whole text \(\d+ characters\)/);
    for (const name of ['Relabel selected', 'Drop selected', 'Keep selected', 'Download corrected CSV']) expect(html).toContain(`>${name}</button>`);
  });

  it('the data check names the decisions and the class counts Train will use', () => {
    const decisions: LabelDecision[] = [
      { row: 2, given: 'spam', action: 'relabel', label: 'ham' },
      { row: 1, given: 'ham', action: 'drop' },
      { row: 4, given: 'ham', action: 'keep' },
    ];
    const { classes } = parsed.summary.report;
    const html = renderToStaticMarkup(<CorrectionsNote counts={countDecisions(decisions)} classes={correctedClassCounts(classes, decisions)} />);
    expect(html).toContain('Your label decisions: <strong>1 row relabelled, 1 dropped, 1 kept as they are</strong>.');
    const ham = parsed.summary.report.classes.find((c) => c.label === 'ham')?.count ?? 0;
    const spam = parsed.summary.report.classes.find((c) => c.label === 'spam')?.count ?? 0;
    expect(html).toContain(`Train uses the corrected labels: ham ${(ham).toLocaleString('en-US')}, spam ${(spam - 1).toLocaleString('en-US')} (5,573 examples)`);
  });
});
