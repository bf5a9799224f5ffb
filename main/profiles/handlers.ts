import type { SliceHandlers } from '../core/handlers';
import type { AuditRecord } from '../audit/index';
import type { CapabilityContext, VaultService } from '../vault/index';
import type { profileMethods } from './contract';
import { exportMembership } from './export';
import { countProfiles, getProfile, listProfiles, searchProfiles } from './profiles';

/**
 * Access to personal information is traceable (Law 25 s. 3.1–3.2, GDPR Art. 5(2) and 32): opening a
 * person and searching leave an entry with ids and counts only, never the search text. A vault whose
 * pages failed their check cannot be written (see vault/page-guard.ts): it stays readable so that what is
 * intact can be recovered, and those reads are not logged.
 */
function logAccess(vaults: VaultService, entry: Omit<AuditRecord, 'actorId'>): void {
  if (vaults.pages.current !== null) return;
  const vault = vaults.current();
  vault.audit.record({ ...entry, actorId: vault.user.id });
}

export const profileHandlers: SliceHandlers<typeof profileMethods, CapabilityContext> = {
  'profiles.count': (_input, { vaults }) => ({ profiles: countProfiles(vaults.current().db) }),
  'profiles.search': ({ query, limit }, { vaults }) => {
    const hits = searchProfiles(vaults.current().db, query, limit);
    logAccess(vaults, { action: 'profiles.searched', details: { results: hits.length } });
    return { hits };
  },
  'profiles.list': ({ offset, limit }, { vaults }) => listProfiles(vaults.current().db, offset, limit),
  'profiles.export': ({ outFile, overwrite }, { vaults }) =>
    vaults.mutate<{ file: string; rows: number }>(
      ({ rows }) => ({ action: 'profiles.exported', details: { rows } }),
      ({ db }) => exportMembership(db, outFile, { overwrite }),
    ),
  'profiles.get': ({ id }, { vaults }) => {
    const profile = getProfile(vaults.current().db, id);
    logAccess(vaults, { action: 'profile.viewed', objectType: 'profile', objectId: profile.id, details: { records: profile.records.length } });
    return profile;
  },
};
