/**
 * One entry with its neighbours in the chain (seq − 1 and seq + 1), whatever the list's filter: the
 * chain is what the hashes link, so the panel walks it rather than the filtered page.
 */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../main/api/contract';
import { api, type ClientError } from '../api/client';

export interface EntryWithNeighbours {
  readonly entry: AuditEntry | null;
  readonly previous: AuditEntry | null;
  readonly next: AuditEntry | null;
  readonly error: ClientError | null;
  readonly loading: boolean;
}

type Loaded = Omit<EntryWithNeighbours, 'loading'> & { readonly seq: number };

export function useAuditEntry(seq: number): EntryWithNeighbours {
  const [state, setState] = useState<Loaded | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('audit.list', { filter: {}, beforeSeq: seq + 2, limit: 3 }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setState({ seq, entry: null, previous: null, next: null, error: result.error });
        return;
      }
      const bySeq = (wanted: number): AuditEntry | null => result.value.entries.find((entry) => entry.seq === wanted) ?? null;
      setState({ seq, entry: bySeq(seq), previous: bySeq(seq - 1), next: bySeq(seq + 1), error: null });
    });
    return () => {
      live = false;
    };
  }, [seq]);

  // Never the entry before while the next one loads: the panel must not show one entry under another's number.
  if (state === null || state.seq !== seq) return { entry: null, previous: null, next: null, error: null, loading: true };
  return { ...state, loading: false };
}
