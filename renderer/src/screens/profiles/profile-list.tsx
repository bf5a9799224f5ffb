/**
 * Everyone in the vault, in name order, as a virtualized table: only the rows on screen exist in the
 * page and only their pages are fetched, so a million people scroll like a hundred. Past the height a
 * browser can lay out, scroll positions are scaled (lib/scaled-scroll). Arrow keys move between names.
 */
import { elementScroll, observeElementOffset, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import type { ProfilePages } from '../../hooks/use-profile-pages';
import { realSize, toReal, toVirtual, type ScrollScale } from '../../lib/scaled-scroll';
import { ProfileHeaderRow, ProfileRow } from './profile-row';

const ROW_HEIGHT = 40;

function scaleOf(instance: Virtualizer<HTMLDivElement, Element>): ScrollScale {
  return { virtualSize: instance.getTotalSize(), viewport: instance.scrollElement?.clientHeight ?? 0 };
}

interface Props {
  readonly pages: ProfilePages;
  readonly hidden: boolean;
  readonly onOpen: (profile: ProfileSummary, index: number) => void;
}

export function ProfileList({ pages, hidden, onOpen }: Props): ReactNode {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const savedScroll = useRef(0);
  const opened = useRef<number | null>(null);
  const count = pages.total ?? 0;
  // TanStack Virtual keeps mutable state and re-renders through its own callback, so the React compiler
  // skips memoizing this component; nothing here is passed to memoized children, so that is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, scrolling) => callback(toVirtual(offset, scaleOf(instance)), scrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(toReal(offset, scaleOf(instance)), options, instance),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { show } = pages;

  useEffect(() => {
    show(first, last);
  }, [show, first, last]);

  // Hidden while a person's detail is open; coming back finds the list where it was, on the same name.
  useEffect(() => {
    const element = scroller.current;
    if (!element || hidden) return;
    if (savedScroll.current > 0) element.scrollTop = savedScroll.current;
    if (opened.current !== null) {
      const index = opened.current;
      opened.current = null;
      requestAnimationFrame(() => element.querySelector<HTMLButtonElement>(`[data-index="${index}"] button`)?.focus());
    }
  }, [hidden]);

  function open(profile: ProfileSummary, index: number): void {
    // Read now: a hidden element forgets its scroll position.
    savedScroll.current = scroller.current?.scrollTop ?? 0;
    opened.current = index;
    onOpen(profile, index);
  }

  const virtualSize = virtualizer.getTotalSize();
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const scale: ScrollScale = { virtualSize, viewport };
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const realOffset = toReal(virtualOffset, scale);

  function focusRow(index: number): void {
    const element = scroller.current;
    if (!element || index < 0 || index >= count) return;
    const start = index * ROW_HEIGHT;
    const height = element.clientHeight;
    let target = virtualOffset;
    if (start < virtualOffset) target = start;
    else if (start + ROW_HEIGHT > virtualOffset + height) target = start + ROW_HEIGHT - height;
    if (target !== virtualOffset) element.scrollTop = toReal(target, { virtualSize, viewport: height });
    const focus = (attempt: number): void => {
      const button = element.querySelector<HTMLButtonElement>(`[data-index="${index}"] button`);
      if (button) button.focus();
      else if (attempt < 10) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  }

  function onRowKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: Math.min(count - 1, index + page),
      PageUp: Math.max(0, index - page),
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusRow(target);
  }

  return (
    <div className="profile-list" hidden={hidden}>
      <ErrorAlert error={pages.error} />
      <div role="table" className="profile-table" aria-label={t('profiles.list.label')} aria-rowcount={pages.total === null ? -1 : pages.total + 1}>
        <div role="rowgroup" className="profile-head">
          <ProfileHeaderRow />
        </div>
        {/* Focusable so keyboard users can scroll the list with the arrow and page keys. */}
        <div role="rowgroup" className="profile-body" ref={scroller} tabIndex={0} aria-label={t('profiles.list.bodyLabel')} data-testid="profile-list">
          <div className="profile-body-inner" style={{ height: realSize(virtualSize) }}>
            {items.map((item) => (
              <ProfileRow
                key={item.key}
                profile={pages.at(item.index)}
                index={item.index}
                rowIndex={item.index + 2}
                style={{ height: item.size, transform: `translateY(${realOffset + item.start - virtualOffset}px)` }}
                onOpen={open}
                onKeyDown={onRowKey}
              />
            ))}
          </div>
          {pages.total === 0 ? <p className="empty">{t('profiles.list.empty')}</p> : null}
        </div>
      </div>
    </div>
  );
}
