import { useEffect, useRef, useState } from 'react';
import type { LabelAction, LabelDecision } from '@/core/quality/labelDecisions';
import type { LabelIssue } from '@/core/quality/findLabelIssues';
import { useSift } from '@/state/appStore';
import { formatCount, formatPercent } from '../common/format';
import { Trans, useT, useTextLang, type T } from '../i18n';

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
  const t = useT();
  const row = formatCount(issue.row);
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
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={t('labelProblems.item.select', { row })} />
        <span id={titleId} className="label-issue__title">
          <Trans t={t} i18nKey="labelProblems.item.title" values={{ row, label: issue.label, suggested: issue.suggested }} components={{ strong: <strong /> }} />
        </span>
        <span className="label-issue__sure">
          {t('labelProblems.item.sure', { percent: formatPercent(issue.suggestedProbability), suggested: issue.suggested })}{' '}
          <span className="muted">{t('labelProblems.item.given', { percent: formatPercent(issue.selfConfidence, 1), label: issue.label })}</span>
        </span>
      </div>
      <FoldedText text={issue.text} />
      {decision ? (
        <p className="label-issue__decision">
          <span className="label-issue__verdict">{decisionWords(t, decision)}</span>
          <button ref={undoRef} type="button" className="button button--quiet" onClick={undo} aria-describedby={titleId}>
            {t('labelProblems.item.undo')}
          </button>
        </p>
      ) : (
        <div className="label-issue__actions" role="group" aria-label={t('labelProblems.item.decide', { row })}>
          <button ref={firstChoiceRef} type="button" className="button button--secondary" onClick={() => decide('relabel')} aria-describedby={titleId}>
            {t('labelProblems.item.relabel', { label: issue.suggested })}
          </button>
          <button type="button" className="button button--secondary" onClick={() => decide('drop')} aria-describedby={titleId}>
            {t('labelProblems.item.drop')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => decide('keep')} aria-describedby={titleId}>
            {t('labelProblems.item.keep')}
          </button>
        </div>
      )}
    </li>
  );
}

function decisionWords(t: T, d: LabelDecision): string {
  switch (d.action) {
    case 'relabel':
      return t('labelProblems.item.relabelled', { label: d.label });
    case 'drop':
      return t('labelProblems.item.dropped');
    case 'keep':
      return t('labelProblems.item.kept');
  }
}

/** A long text shows its start and a button for the rest. */
function FoldedText({ text }: { text: string }) {
  const t = useT();
  const langOf = useTextLang();
  const [open, setOpen] = useState(false);
  const lines = text.split('\n');
  const long = text.length > FOLD_CHARS || lines.length > FOLD_LINES;
  if (!long)
    return (
      <p className="label-issue__text" lang={langOf(text)}>
        {text}
      </p>
    );
  const start = lines.slice(0, FOLD_LINES).join('\n');
  const folded = start.length > FOLD_CHARS ? `${start.slice(0, FOLD_CHARS - 1)}…` : `${start}…`;
  return (
    <div className="label-issue__text-wrap">
      <p className="label-issue__text" lang={langOf(text)}>
        {open ? text : folded}
      </p>
      <button type="button" className="button button--quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('labelProblems.item.fold') : t('labelProblems.item.unfold', { n: formatCount(text.length) })}
      </button>
    </div>
  );
}
