/**
 * The full list of people for a virtualized table: fetched page by page (profiles.list with an offset)
 * for the rows on screen only, never all at once. Requests wait until scrolling pauses, so dragging the
 * scrollbar across a million rows asks for the pages where it stops, not for every page it passes; and
 * pages far from the view are forgotten, so memory stays flat however far one scrolls.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfileSummary } from '../../../main/api/contract';
import { api, type ClientError } from '../api/client';

export const PROFILE_PAGE_SIZE = 100;
/** Pages kept around the view; beyond that, the farthest are dropped. */
const KEEP_PAGES = 40;
const SETTLE_MS = 80;

export interface ProfilePages {
  readonly total: number | null;
  readonly error: ClientError | null;
  /** The profile at a row, or undefined while its page is loading. */
  readonly at: (index: number) => ProfileSummary | undefined;
  /** Tells the hook which rows are on screen; it fetches their pages once scrolling settles. */
  readonly show: (first: number, last: number) => void;
}

export function useProfilePages(): ProfilePages {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly ProfileSummary[]>>(() => new Map());
  const loaded = useRef(new Set<number>());
  const pending = useRef(new Set<number>());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [range, setRange] = useState<{ readonly first: number; readonly last: number }>({ first: 0, last: 0 });
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const fetchPage = useCallback(async (page: number): Promise<void> => {
    if (loaded.current.has(page) || pending.current.has(page)) return;
    pending.current.add(page);
    const result = await api.call('profiles.list', { offset: page * PROFILE_PAGE_SIZE, limit: PROFILE_PAGE_SIZE });
    pending.current.delete(page);
    if (!mounted.current) return;
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    loaded.current.add(page);
    setPages((previous) => new Map(previous).set(page, result.value.profiles));
    setTotal(result.value.total);
  }, []);

  useEffect(() => {
    const firstPage = Math.floor(range.first / PROFILE_PAGE_SIZE);
    const lastPage = Math.floor(range.last / PROFILE_PAGE_SIZE);
    // The very first page is asked at once: it also brings the total.
    const delay = loaded.current.size === 0 ? 0 : SETTLE_MS;
    const timer = setTimeout(() => {
      for (let page = firstPage; page <= lastPage; page += 1) void fetchPage(page);
      if (loaded.current.size > KEEP_PAGES) {
        const middle = (firstPage + lastPage) / 2;
        const farthest = [...loaded.current].sort((a, b) => Math.abs(b - middle) - Math.abs(a - middle)).slice(0, loaded.current.size - KEEP_PAGES);
        for (const page of farthest) loaded.current.delete(page);
        setPages((previous) => {
          const next = new Map(previous);
          for (const page of farthest) next.delete(page);
          return next;
        });
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [range, fetchPage]);

  const show = useCallback((first: number, last: number) => {
    setRange((previous) => (previous.first === first && previous.last === last ? previous : { first, last }));
  }, []);

  const at = useCallback((index: number) => pages.get(Math.floor(index / PROFILE_PAGE_SIZE))?.[index % PROFILE_PAGE_SIZE], [pages]);

  return { total, error, at, show };
}
