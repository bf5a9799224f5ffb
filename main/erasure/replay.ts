/**
 * Restoring a backup taken before an erasure would bring the person back. The restore (from an unlocked
 * vault) replays the current vault's erasures into the restored copy: the same suppression secret and
 * digests, and each erased profile erased again there (reason `restore`), with its own certificate and audit
 * entry in the restored vault's trail. Profile ids are the same in a backup of the same vault, and a profile
 * merged since the backup is followed to where it leads.
 */
import type { AuditLog } from '../audit/index';
import { sql, type SqlRunner } from '../store/sql';
import { optimizeSearch } from '../store/search-index';
import { commitErasure } from './commit';
import { planErasure } from './plan';
import { todayIn, vaultTimeZone } from '../requests/index';

interface SourceErasure {
  readonly id: number;
  readonly profile_id: number;
}

export function replayErasures(source: SqlRunner, restored: SqlRunner, audit: AuditLog, actorId: number, now: Date): number {
  const secret = source.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = 'suppression_secret'`)?.value;
  if (secret === undefined) return 0;
  let replayed = 0;
  restored.transaction(() => {
    restored.run(sql`INSERT INTO setting (key, value) VALUES ('suppression_secret', ${secret}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    const today = todayIn(now, vaultTimeZone(restored));
    const certificateIn = new Map<number, number>();
    for (const erasure of source.all<SourceErasure>(sql`SELECT id, profile_id FROM erasure ORDER BY id`)) {
      const already = restored.get<{ id: number }>(sql`SELECT id FROM erasure WHERE profile_id = ${erasure.profile_id}`);
      if (already) {
        certificateIn.set(erasure.id, already.id);
        continue;
      }
      const status = restored.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${erasure.profile_id}`)?.status;
      // A profile the backup never had (created after it) has nothing to erase there; its digests still go in.
      if (status === undefined) continue;
      // Staged files are the live vault's; the restored folder has none.
      const plan = planErasure(restored, erasure.profile_id, null, '', today);
      const committed = commitErasure(restored, plan, 'restore', actorId, now);
      audit.append({
        action: 'erasure.committed',
        actorId,
        objectType: 'profile',
        objectId: plan.scope.profileId,
        details: {
          certificateId: committed.certificateId,
          requestId: null,
          reason: 'restore',
          records: plan.removed.records ?? 0,
          events: plan.removed.events ?? 0,
          generalized: plan.generalization.events,
          kept: 0,
          hash: committed.hash,
        },
      });
      certificateIn.set(erasure.id, committed.certificateId);
      replayed += 1;
    }
    for (const row of source.all<{ erasure_id: number; kind: string; digest: string }>(sql`SELECT erasure_id, kind, digest FROM suppression ORDER BY id`)) {
      const erasureId = certificateIn.get(row.erasure_id);
      if (erasureId === undefined) continue;
      restored.run(sql`INSERT OR IGNORE INTO suppression (erasure_id, kind, digest) VALUES (${erasureId}, ${row.kind}, ${row.digest})`);
    }
  });
  optimizeSearch(restored.raw);
  restored.raw.pragma('wal_checkpoint(TRUNCATE)');
  return replayed;
}
