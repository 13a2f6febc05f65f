import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ListedText, TextListPage, TextListQuery } from '@/core/model/evaluatedTexts';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { TEXT_LIST_PAGE } from '@/state/slices/textListSlice';
import type { ListedExplanation, ReadyModel } from '@/state/types';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatCount, formatPercent } from '../common/format';
import { i18n, Trans, useT, useTextLang, type T } from '../i18n';
import { WordExplanation } from '../explain/WordExplanation';

/** Characters of a listed text shown before it is folded. */
const FOLD_AT = 280;

/** The list's accessible name: "true ham, predicted spam", or "Most confident mistakes". */
export function listName(query: TextListQuery, t: T = i18n.t): string {
  return query.kind === 'cell' ? t('evaluate.texts.cellList', { trueLabel: query.trueLabel, predictedLabel: query.predictedLabel }) : t('evaluate.texts.mistakes');
}

/**
 * The texts behind a cell of the confusion matrix (or every mistake), a page at a time, each with
 * what the model gave it and a way to see why. Reads the store; the engine holds the texts.
 */
export function TextListView({ id }: { id: string }) {
  const t = useT();
  const { list, explained, model } = useSift(useShallow((s) => ({ list: s.textList, explained: s.listedExplanation, model: readyModel(s.model) })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const query = list.status === 'closed' ? null : list.status === 'ready' ? list.page.query : list.query;
  // By the query itself, not its words: a language switch is not a new list.
  const queryKey = query === null ? '' : query.kind === 'cell' ? `cell\u0000${query.trueLabel}\u0000${query.predictedLabel}` : 'mistakes';
  // What opened the list (a cell, a pair, the mistakes button): Close returns there.
  const opener = useRef<HTMLElement | null>(null);
  // Opening a list moves the keyboard there: the person chose a cell to read its texts.
  useEffect(() => {
    if (queryKey === '') return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.getAttribute('aria-controls') === id) opener.current = active;
    headingRef.current?.focus();
  }, [queryKey, id]);
  if (list.status === 'closed' || query === null) return <div id={id} />;
  const page = list.status === 'ready' ? list.page : list.status === 'loading' ? list.page : null;
  const close = () => {
    // Back to what opened the list (its cell, a pair, or the mistakes button), as closing a dialog does.
    const back = opener.current?.isConnected ? opener.current : document.querySelector<HTMLElement>(`[aria-controls="${id}"][aria-expanded="true"]`);
    useSift.getState().closeTextList();
    back?.focus();
  };
  return (
    <section id={id} className="text-list" aria-labelledby={`${id}-heading`} aria-busy={list.status === 'loading'}>
      <div className="text-list__header">
        <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="subheading subheading--small">
          {headingOf(t, query, page)}
        </h3>
        <button type="button" className="button button--quiet" onClick={close}>
          {t('common.close')}
        </button>
      </div>
      {list.status === 'loading' && page === null && <p className="muted">{t('evaluate.texts.loading')}</p>}
      {list.status === 'unavailable' && <p className="notice">{t(`evaluate.texts.unavailable.${model?.origin ?? 'trained'}`)}</p>}
      {list.status === 'failed' && <ErrorMessage title={t('evaluate.texts.failed')} error={list.error} />}
      {page && <PageView page={page} explained={explained} model={model} />}
    </section>
  );
}

function headingOf(t: T, query: TextListQuery, page: TextListPage | null): string {
  const name = query.kind === 'cell' ? t('evaluate.texts.cellHeading', { trueLabel: query.trueLabel, predictedLabel: query.predictedLabel }) : t('evaluate.texts.mistakes');
  return page === null ? name : t('evaluate.texts.headingCount', { name, count: page.total });
}

export function PageView({ page, explained, model }: { page: TextListPage; explained: ListedExplanation | null; model: ReadyModel | null }) {
  const t = useT();
  const { query, total, offset, items, order } = page;
  const end = offset + items.length;
  const pageSize = TEXT_LIST_PAGE;
  const turn = (to: number) => void useSift.getState().showTextListPage(to);
  if (total === 0) return <p className="muted">{t('evaluate.texts.empty')}</p>;
  return (
    <>
      <p className="muted">
        {order === 'surest-first' ? t('evaluate.texts.surestFirst') : t('evaluate.texts.closestFirst')}{' '}
        {t('evaluate.texts.showing', { from: formatCount(offset + 1), to: formatCount(end), total: formatCount(total) })}
      </p>
      <ol className="listed-texts" aria-label={listName(query, t)} start={offset + 1}>
        {items.map((item) => (
          <ListedItem key={item.row} item={item} showLabels={query.kind === 'mistakes'} explained={explained?.row === item.row ? explained : null} labels={model?.summary.labels ?? []} />
        ))}
      </ol>
      {total > pageSize && (
        <nav className="pager" aria-label={t('evaluate.texts.pages')}>
          <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => turn(Math.max(0, offset - pageSize))}>
            {t('evaluate.texts.previous', { n: pageSize })}
          </button>
          <button type="button" className="button button--secondary" disabled={end >= total} onClick={() => turn(end)}>
            {t('evaluate.texts.next', { n: pageSize })}
          </button>
        </nav>
      )}
    </>
  );
}

function ListedItem({ item, showLabels, explained, labels }: { item: ListedText; showLabels: boolean; explained: ListedExplanation | null; labels: string[] }) {
  const t = useT();
  const explanationId = `listed-why-${item.row}`;
  const right = item.trueLabel === item.predictedLabel;
  return (
    <li className="listed">
      <FoldedText text={item.text} />
      <p className="listed__facts">
        <span>{t('evaluate.texts.row', { row: formatCount(item.row) })}</span>
        {showLabels && (
          <span>
            <Trans t={t} i18nKey="evaluate.texts.labelled" values={{ trueLabel: item.trueLabel, predictedLabel: item.predictedLabel }} components={{ strong: <strong /> }} />
          </span>
        )}
        <span>
          {item.predictedLabel} {formatPercent(item.predictedProbability)}
          {!right && (
            <>
              {' · '}
              {item.trueLabel} {item.trueProbability === null ? t('evaluate.texts.notAClass', { count: labels.length }) : formatPercent(item.trueProbability)}
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
        {t('evaluate.texts.why', { label: item.predictedLabel })}
      </button>
      <div id={explanationId}>
        {explained?.status === 'loading' && <p className="muted">{t('evaluate.texts.explaining')}</p>}
        {explained?.status === 'failed' && <ErrorMessage title={t('evaluate.texts.explainFailed')} error={explained.error} />}
        {explained?.status === 'ready' && <WordExplanation explanation={explained.explanation} />}
      </div>
    </li>
  );
}

/** A long text shows its start and a button to unfold the rest. */
function FoldedText({ text }: { text: string }) {
  const t = useT();
  const langOf = useTextLang();
  const [open, setOpen] = useState(false);
  const long = text.length > FOLD_AT;
  return (
    <p className="listed__text">
      <span lang={langOf(text)}>{long && !open ? `${text.slice(0, FOLD_AT - 1)}…` : text}</span>
      {long && (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? t('evaluate.texts.showLess') : t('evaluate.texts.showAll', { n: formatCount(text.length) })}
        </button>
      )}
    </p>
  );
}
