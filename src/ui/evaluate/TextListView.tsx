import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatPercent } from '@/core/format';
import type { ListedText, TextListPage, TextListQuery } from '@/core/model/evaluatedTexts';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { TEXT_LIST_PAGE } from '@/state/slices/textListSlice';
import type { ListedExplanation, ReadyModel } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatCount } from '../common/format';
import { WordExplanation } from '../explain/WordExplanation';

/** Characters of a listed text shown before it is folded. */
const FOLD_AT = 280;

/** The list's accessible name: "true ham, predicted spam", or "Most confident mistakes". */
export function listName(query: TextListQuery): string {
  return query.kind === 'cell' ? `true ${query.trueLabel}, predicted ${query.predictedLabel}` : 'Most confident mistakes';
}

/**
 * The texts behind a cell of the confusion matrix (or every mistake), a page at a time, each with
 * what the model gave it and a way to see why. Reads the store; the engine holds the texts.
 */
export function TextListView({ id }: { id: string }) {
  const { list, explained, model } = useSift(useShallow((s) => ({ list: s.textList, explained: s.listedExplanation, model: readyModel(s.model) })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const query = list.status === 'closed' ? null : list.status === 'ready' ? list.page.query : list.query;
  const queryKey = query === null ? '' : listName(query);
  // Opening a list moves the keyboard there: the person chose a cell to read its texts.
  useEffect(() => {
    if (queryKey !== '') headingRef.current?.focus();
  }, [queryKey]);
  if (list.status === 'closed' || query === null) return <div id={id} />;
  const page = list.status === 'ready' ? list.page : list.status === 'loading' ? list.page : null;
  const close = () => {
    // Back to what opened the list (its cell, or the mistakes button), as closing a dialog does.
    const opener = document.querySelector<HTMLElement>(`[aria-controls="${id}"][aria-expanded="true"]`);
    useSift.getState().closeTextList();
    opener?.focus();
  };
  return (
    <section id={id} className="text-list" aria-labelledby={`${id}-heading`} aria-busy={list.status === 'loading'}>
      <div className="text-list__header">
        <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="subheading subheading--small">
          {headingOf(query, page)}
        </h3>
        <button type="button" className="button button--quiet" onClick={close}>
          Close
        </button>
      </div>
      {list.status === 'loading' && page === null && <p className="muted">Loading the texts…</p>}
      {list.status === 'unavailable' && <p className="notice">{unavailableReason(model)}</p>}
      {list.status === 'failed' && <ErrorMessage title="Could not list the texts" error={list.error} />}
      {page && <PageView page={page} explained={explained} model={model} />}
    </section>
  );
}

function headingOf(query: TextListQuery, page: TextListPage | null): string {
  const name = query.kind === 'cell' ? `True ${query.trueLabel}, predicted ${query.predictedLabel}` : 'Most confident mistakes';
  return page === null ? name : `${name}: ${formatCount(page.total)} ${page.total === 1 ? 'text' : 'texts'}`;
}

function unavailableReason(model: ReadyModel | null): string {
  const how = model?.origin === 'restored' ? 'was restored from your last visit' : model?.origin === 'imported' ? 'was opened from a file' : 'has no validation texts here';
  return `This model ${how}, and a model file carries no texts: the numbers above are what was measured when it was trained. Train it again on your data to see the texts behind them.`;
}

export function PageView({ page, explained, model }: { page: TextListPage; explained: ListedExplanation | null; model: ReadyModel | null }) {
  const { query, total, offset, items, order } = page;
  const end = offset + items.length;
  const pageSize = TEXT_LIST_PAGE;
  const turn = (to: number) => void useSift.getState().showTextListPage(to);
  if (total === 0) return <p className="muted">No texts here.</p>;
  return (
    <>
      <p className="muted">
        {order === 'surest-first'
          ? 'Most confidently wrong first: where the model, or the label, is most clearly off.'
          : 'Right answers, the closest calls first.'}{' '}
        Showing {formatCount(offset + 1)}–{formatCount(end)} of {formatCount(total)}.
      </p>
      <ol className="listed-texts" aria-label={listName(query)} start={offset + 1}>
        {items.map((item) => (
          <ListedItem key={item.row} item={item} showLabels={query.kind === 'mistakes'} explained={explained?.row === item.row ? explained : null} labels={model?.summary.labels ?? []} />
        ))}
      </ol>
      {total > pageSize && (
        <nav className="pager" aria-label="Pages of this list">
          <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => turn(Math.max(0, offset - pageSize))}>
            Previous {pageSize}
          </button>
          <button type="button" className="button button--secondary" disabled={end >= total} onClick={() => turn(end)}>
            Next {pageSize}
          </button>
        </nav>
      )}
    </>
  );
}

function ListedItem({ item, showLabels, explained, labels }: { item: ListedText; showLabels: boolean; explained: ListedExplanation | null; labels: string[] }) {
  const explanationId = `listed-why-${item.row}`;
  const right = item.trueLabel === item.predictedLabel;
  return (
    <li className="listed">
      <FoldedText text={item.text} />
      <p className="listed__facts">
        <span>Row {formatCount(item.row)}</span>
        {showLabels && (
          <span>
            labelled <strong>{item.trueLabel}</strong>, predicted <strong>{item.predictedLabel}</strong>
          </span>
        )}
        <span>
          {item.predictedLabel} {formatPercent(item.predictedProbability)}
          {!right && (
            <>
              {' · '}
              {item.trueLabel} {item.trueProbability === null ? `(not one of the model's ${labels.length} classes)` : formatPercent(item.trueProbability)}
            </>
          )}
        </span>
      </p>
      <button
        type="button"
        className="link-button listed__why"
        aria-expanded={explained !== null}
        aria-controls={explanationId}
        onClick={() => void useSift.getState().toggleListedExplanation(item)}
      >
        Why {item.predictedLabel}?
      </button>
      <div id={explanationId}>
        {explained?.status === 'loading' && <p className="muted">Explaining…</p>}
        {explained?.status === 'failed' && <ErrorMessage title="Could not explain this text" error={explained.error} />}
        {explained?.status === 'ready' && <WordExplanation explanation={explained.explanation} />}
      </div>
    </li>
  );
}

/** A long text shows its start and a button to unfold the rest. */
function FoldedText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > FOLD_AT;
  return (
    <p className="listed__text">
      {long && !open ? `${text.slice(0, FOLD_AT - 1)}…` : text}
      {long && (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Show less' : `Show all ${formatCount(text.length)} characters`}
        </button>
      )}
    </p>
  );
}
