/**
 * Pages through the audit trail newest first with `beforeSeq`. The owner remounts it (a React key) when
 * the filter changes, so a page for an old filter can never mix into the new list.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../main/api/contract';
import { api, type ClientError, type ClientResult } from '../api/client';

const PAGE_SIZE = 200;

type Page = ClientResult<{ readonly entries: readonly AuditEntry[]; readonly total: number }>;

export interface AuditEntries {
  readonly entries: readonly AuditEntry[];
  readonly total: number | null;
  readonly loading: boolean;
  readonly error: ClientError | null;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
}

export function useAuditEntries(filter: AuditFilter): AuditEntries {
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ClientError | null>(null);
  const inFlight = useRef(false);
  // Compared by value: callers may build the filter object on every render.
  const filterKey = JSON.stringify(filter);

  const request = useCallback(
    (beforeSeq: number | undefined): Promise<Page> => {
      inFlight.current = true;
      return api.call('audit.list', { filter: JSON.parse(filterKey) as AuditFilter, limit: PAGE_SIZE, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    },
    [filterKey],
  );

  const receive = useCallback((page: Page, append: boolean): void => {
    inFlight.current = false;
    setLoading(false);
    if (!page.ok) {
      setError(page.error);
      return;
    }
    setError(null);
    setTotal(page.value.total);
    setEntries((previous) => (append ? [...previous, ...page.value.entries] : page.value.entries));
  }, []);

  useEffect(() => {
    void request(undefined).then((page) => receive(page, false));
  }, [request, receive]);

  const hasMore = total !== null && entries.length < total;
  const lastSeq = entries.at(-1)?.seq;
  const loadMore = useCallback(() => {
    if (!hasMore || inFlight.current || lastSeq === undefined) return;
    setLoading(true);
    void request(lastSeq).then((page) => receive(page, true));
  }, [hasMore, lastSeq, request, receive]);

  return { entries, total, loading, error, hasMore, loadMore };
}
