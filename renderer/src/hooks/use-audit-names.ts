/**
 * Names for the objects of the entries on screen, asked for once per id as pages arrive, and kept: the
 * entries hold ids only, and each page must read as names without waiting for the whole trail.
 */
import { useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditNames } from '../../../main/api/contract';
import { api } from '../api/client';
import { NO_NAMES, nameRequest, type NameRequest } from '../lib/audit-labels';

type Group = keyof NameRequest;
const GROUPS: readonly Group[] = ['users', 'sources', 'runs', 'connectors'];

export function useAuditNames(entries: readonly AuditEntry[]): AuditNames {
  const [names, setNames] = useState<AuditNames>(NO_NAMES);
  // Asked already, answered or not: an id that resolves to nothing (a removed connector) is not asked again.
  const asked = useRef<Record<Group, Set<number>>>({ users: new Set(), sources: new Set(), runs: new Set(), connectors: new Set() });

  useEffect(() => {
    const wanted = nameRequest(entries);
    const request = Object.fromEntries(GROUPS.map((group) => [group, wanted[group].filter((id) => !asked.current[group].has(id))])) as NameRequest;
    if (GROUPS.every((group) => request[group].length === 0)) return;
    for (const group of GROUPS) for (const id of request[group]) asked.current[group].add(id);
    // Not dropped when the entries change meanwhile: names only ever add up, so a late answer is still right.
    void api.call('audit.names', request).then((result) => {
      if (!result.ok) return;
      const found = result.value;
      setNames((previous) => ({
        users: { ...previous.users, ...found.users },
        sources: { ...previous.sources, ...found.sources },
        runs: { ...previous.runs, ...found.runs },
        connectors: { ...previous.connectors, ...found.connectors },
      }));
    });
  }, [entries]);

  return names;
}
