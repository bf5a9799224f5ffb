/**
 * The audit trail as a virtualized table: only the visible rows exist in the DOM, so a trail of a
 * million entries scrolls as smoothly as one of ten. Older pages load as the user nears the end.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type ReactNode, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useAuditEntries } from '../../hooks/use-audit-entries';
import { useAuditNames } from '../../hooks/use-audit-names';
import { formatNumber } from '../../lib/format';
import { AuditEntryPanel } from './audit-entry-panel';
import { AuditEntryRow } from './audit-entry-row';

/** Two lines of 13 px text: a long date, name or action wraps once instead of being cut. */
const ROW_HEIGHT = 46;
/** Start fetching the next page this far before the end, so scrolling rarely waits. */
const PREFETCH_PX = ROW_HEIGHT * 40;

export function AuditEntries({ filter, filtered }: { readonly filter: AuditFilter; readonly filtered: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const { entries, total, loading, error, hasMore, loadMore } = useAuditEntries(filter);
  const names = useAuditNames(entries);
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual keeps mutable state and re-renders through its own callback, so the React compiler
  // skips memoizing this component; nothing here is passed to memoized children, so that is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });

  function onScroll(event: UIEvent<HTMLDivElement>): void {
    const element = event.currentTarget;
    if (element.scrollHeight - element.scrollTop - element.clientHeight < PREFETCH_PX) loadMore();
  }

  /** Back to the row's button if it is still rendered (the list is virtualized), else to the list itself. */
  function closePanel(): void {
    const seq = openSeq;
    setOpenSeq(null);
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-seq="${seq}"] button`);
    (button ?? scroller.current)?.focus();
  }

  const language = i18n.language;
  return (
    <div className="audit-entries">
      <div className="list-meta" aria-live="polite" data-testid="audit-total" data-total={total ?? undefined}>
        {total === null
          ? t('common.loading')
          : [
              t(filtered ? 'audit.list.totalFiltered' : 'audit.list.total', { count: total, formatted: formatNumber(total, language) }),
              ...(entries.length < total ? [t('audit.list.partial', { shown: formatNumber(entries.length, language) })] : []),
            ].join(' · ')}
      </div>
      <ErrorAlert error={error} />
      <div role="table" className="audit-table" aria-label={t('audit.list.label')} aria-rowcount={total === null ? -1 : total + 1}>
        <div role="rowgroup" className="audit-head">
          <div role="row" aria-rowindex={1} className="audit-row">
            <div role="columnheader" className="col-seq">
              {t('audit.columns.seq')}
            </div>
            <div role="columnheader" className="col-time">
              {t('audit.columns.time')}
            </div>
            <div role="columnheader" className="col-actor">
              {t('audit.columns.actor')}
            </div>
            <div role="columnheader" className="col-action">
              {t('audit.columns.action')}
            </div>
            <div role="columnheader" className="col-object">
              {t('audit.columns.object')}
            </div>
            <div role="columnheader" className="col-details">
              {t('audit.columns.details')}
            </div>
          </div>
        </div>
        {/* Focusable so keyboard users can scroll the list with the arrow and page keys. */}
        <div
          role="rowgroup"
          className="audit-body"
          ref={scroller}
          onScroll={onScroll}
          tabIndex={0}
          aria-label={t('audit.list.bodyLabel')}
          data-testid="audit-list"
        >
          <div className="audit-body-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entries[item.index];
              if (!entry) return null;
              return (
                <AuditEntryRow
                  key={entry.seq}
                  entry={entry}
                  names={names}
                  selected={entry.seq === openSeq}
                  onOpen={setOpenSeq}
                  rowIndex={item.index + 2}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                />
              );
            })}
          </div>
          {total === 0 && !loading ? <p className="empty">{t(filtered ? 'audit.list.emptyFiltered' : 'audit.list.empty')}</p> : null}
        </div>
      </div>
      {hasMore ? (
        <div className="list-more">
          <button type="button" className="button button-small" onClick={loadMore} disabled={loading}>
            {loading ? t('common.loading') : t('audit.list.loadMore')}
          </button>
        </div>
      ) : null}
      {openSeq === null ? null : <AuditEntryPanel seq={openSeq} onMove={setOpenSeq} onClose={closePanel} />}
    </div>
  );
}
