import { useEffect, useRef, useState } from 'react';
import { formatPercent } from '@/core/format';
import type { LabelAction, LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssue } from '@/core/quality/findLabelIssues';
import { useSift } from '@/state/appStore';
import { formatCount } from '../common/format';

/** Texts longer than this (characters) or than FOLD_LINES lines are folded until asked for. */
const FOLD_CHARS = 280;
const FOLD_LINES = 4;

interface Props {
  issue: LabelIssue;
  decision: LabelDecision | null;
  selected: boolean;
  onSelect(on: boolean): void;
}

/** One flagged row: where it is, what it says, the label given and suggested, and the decision about it. */
export function LabelProblemItem({ issue, decision, selected, onSelect }: Props) {
  const titleId = `label-issue-${issue.row}`;
  // Keyboard focus follows the person's action: to Undo after deciding, back to the choices after Undo.
  const undoRef = useRef<HTMLButtonElement>(null);
  const firstChoiceRef = useRef<HTMLButtonElement>(null);
  const [acted, setActed] = useState(false);
  useEffect(() => {
    if (!acted) return;
    (decision ? undoRef : firstChoiceRef).current?.focus();
    setActed(false);
  }, [acted, decision]);

  const decide = (action: LabelAction) => {
    setActed(true);
    useSift.getState().decideLabels([issue.row], action);
  };
  const undo = () => {
    setActed(true);
    useSift.getState().undoLabelDecisions([issue.row]);
  };

  return (
    <li className={`label-issue${decision ? ' label-issue--decided' : ''}`} aria-labelledby={titleId}>
      <div className="label-issue__head">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select row ${formatCount(issue.row)}`} />
        <span id={titleId} className="label-issue__title">
          Row {formatCount(issue.row)}: given <strong>{issue.label}</strong>, suggested <strong>{issue.suggested}</strong>
        </span>
        <span className="label-issue__sure">
          {formatPercent(issue.suggestedProbability)} sure it is {issue.suggested} <span className="muted">({formatPercent(issue.selfConfidence, 1)} {issue.label})</span>
        </span>
      </div>
      <FoldedText text={issue.text} />
      {decision ? (
        <p className="label-issue__decision">
          <span className="label-issue__verdict">{decisionWords(decision)}</span>
          <button ref={undoRef} type="button" className="button button--quiet" onClick={undo} aria-describedby={titleId}>
            Undo
          </button>
        </p>
      ) : (
        <div className="label-issue__actions" role="group" aria-label={`Decide about row ${formatCount(issue.row)}`}>
          <button ref={firstChoiceRef} type="button" className="button button--secondary" onClick={() => decide('relabel')} aria-describedby={titleId}>
            Relabel as {issue.suggested}
          </button>
          <button type="button" className="button button--secondary" onClick={() => decide('drop')} aria-describedby={titleId}>
            Drop row
          </button>
          <button type="button" className="button button--quiet" onClick={() => decide('keep')} aria-describedby={titleId}>
            Keep as is
          </button>
        </div>
      )}
    </li>
  );
}

function decisionWords(d: LabelDecision): string {
  switch (d.action) {
    case 'relabel':
      return `Relabelled as ${d.label}`;
    case 'drop':
      return 'Dropped';
    case 'keep':
      return 'Kept as is';
  }
}

/** A long text shows its start and a button for the rest. */
function FoldedText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const lines = text.split('\n');
  const long = text.length > FOLD_CHARS || lines.length > FOLD_LINES;
  if (!long) return <p className="label-issue__text">{text}</p>;
  const start = lines.slice(0, FOLD_LINES).join('\n');
  const folded = start.length > FOLD_CHARS ? `${start.slice(0, FOLD_CHARS - 1)}…` : `${start}…`;
  return (
    <div className="label-issue__text-wrap">
      <p className="label-issue__text">{open ? text : folded}</p>
      <button type="button" className="button button--quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Fold the text' : `Show the whole text (${formatCount(text.length)} characters)`}
      </button>
    </div>
  );
}
