/**
 * The preview: what an erasure would remove, generalize and keep, with exact counts, and the token that binds
 * the commit to this very plan. Changes nothing. The commit recomputes the plan and refuses if its token
 * differs: an import, a merge or a new hold came between, and the steward must read the new counts.
 */
import crypto from 'node:crypto';
import { countSearchDocuments } from '../store/search-index';
import { sql, type SqlRunner } from '../store/sql';
import type { ErasurePreview, KeptUnderObligation, LegalHold, Removed } from './contract';
import { backupsBefore } from './certificate';
import { planGeneralization, type GeneralizationPlan } from './generalize';
import { profileHolds } from './holds';
import { erasureScope, nameOf, type ErasureScope } from './scope';
import { readErasureSettings } from './settings';
import { assertErasureRequest } from './request';
import { disclosuresOf, plannedRecipients } from './recipients';
import { rejectsHolding, stagedFilesHolding, textForms } from './traces';

export interface ErasurePlan {
  readonly scope: ErasureScope;
  readonly requestId: number | null;
  /** Records that go: the person's (minus those kept) and those held for them. */
  readonly goingRecordIds: readonly number[];
  readonly rejectIds: readonly number[];
  readonly stagedFiles: readonly string[];
  readonly removed: Removed;
  readonly generalization: GeneralizationPlan;
  readonly kept: readonly KeptUnderObligation[];
  readonly blockedBy: readonly LegalHold[];
  readonly suppressionEntries: number;
  readonly recipients: ErasurePreview['recipients'];
  readonly k: number;
  readonly displayName: string;
  readonly backups: readonly { at: string; auditSeq: number }[];
  readonly token: string;
}

const inIds = (values: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

function count(db: SqlRunner, query: ReturnType<typeof sql>): number {
  return db.get<{ n: number }>(query)?.n ?? 0;
}

/** The suppression entries the person needs: each record's key, and each name paired with each email or phone. */
function suppressionCount(db: SqlRunner, recordIds: readonly number[]): number {
  const records = db.all<{ id: number; given_name: string | null; family_name: string | null; full_name: string | null }>(
    sql`SELECT id, given_name, family_name, full_name FROM source_record WHERE id IN ${inIds(recordIds)}`,
  );
  const nameOfRecord = new Map(records.map((record) => [record.id, nameOf(record)]));
  const pairs = new Set<string>();
  for (const row of db.all<{ source_record_id: number; kind: string; value: string }>(
    sql`SELECT source_record_id, kind, value FROM identifier WHERE source_record_id IN ${inIds(recordIds)}`,
  )) {
    const name = nameOfRecord.get(row.source_record_id) ?? '';
    if (name !== '') pairs.add(`${row.kind}\u001f${name}\u001f${row.value}`);
  }
  return records.length + pairs.size;
}

export function planErasure(db: SqlRunner, profileId: number, requestId: number | null, stagingRoot: string, today: string): ErasurePlan {
  if (requestId !== null) assertErasureRequest(db, requestId, profileId);
  const scope = erasureScope(db, profileId, requestId, today);
  const profiles = [scope.profileId, ...scope.absorbedProfileIds];
  const going = [...scope.recordIds, ...scope.heldRecordIds].sort((a, b) => a - b);
  const everyRecord = [...going, ...scope.kept.flatMap((kept) => kept.recordIds)];
  const forms = textForms(scope.identifiers);
  const rejectIds = rejectsHolding(db, forms);
  const stagedFiles = stagedFilesHolding(stagingRoot, forms);
  const going$ = inIds(going);
  const removed: Removed = {
    records: scope.recordIds.length,
    identifiers: count(db, sql`SELECT count(*) AS n FROM identifier WHERE source_record_id IN ${going$}`),
    events: count(db, sql`SELECT count(*) AS n FROM event WHERE source_record_id IN ${going$}`),
    consentEvents: count(db, sql`SELECT count(*) AS n FROM consent_event WHERE source_record_id IN ${going$}`),
    heldRecords: scope.heldRecordIds.length,
    flaggedValues: count(db, sql`SELECT count(*) AS n FROM record_flag WHERE source_record_id IN ${going$}`),
    rejects: rejectIds.length,
    searchEntries: countSearchDocuments(db, profiles),
    mergeHistory: count(db, sql`SELECT count(*) AS n FROM profile_merge WHERE survivor_id IN ${inIds(profiles)} OR absorbed_id IN ${inIds(profiles)}`),
    identityPairs: count(db, sql`SELECT count(*) AS n FROM identity_pair WHERE record_a IN ${going$} OR record_b IN ${going$}`),
    identityDecisions: count(db, sql`SELECT count(*) AS n FROM identity_decision WHERE record_a IN ${going$} OR record_b IN ${going$}`),
    blockingKeys: count(db, sql`SELECT count(*) AS n FROM identity_key WHERE source_record_id IN ${going$}`),
    requestsRedacted: scope.requestIds.length,
    stagedFiles: stagedFiles.length,
    disclosures: disclosuresOf(db, profiles),
  };
  const { k } = readErasureSettings(db);
  const generalization = planGeneralization(db, going, profiles, k, today);
  const kept = scope.kept.map((entry) => ({ holdId: entry.holdId, sourceId: entry.sourceId, records: entry.recordIds.length, until: entry.until }));
  const blockedBy = profileHolds(db, profiles, today);
  const suppressionEntries = suppressionCount(db, everyRecord);
  const recipients = plannedRecipients(db, profiles);
  const displayName = db.get<{ display_name: string }>(sql`SELECT display_name FROM profile WHERE id = ${scope.profileId}`)?.display_name ?? '';
  const backups = backupsBefore(db, null);
  const token = crypto
    .hash(
      'sha256',
      JSON.stringify([
        scope.profileId,
        requestId,
        going,
        scope.kept,
        rejectIds,
        stagedFiles.length,
        removed,
        generalization.events,
        generalization.dropped,
        k,
        blockedBy.map((hold) => hold.id),
      ]),
      'base64url',
    )
    .slice(0, 32);
  return {
    scope,
    requestId,
    goingRecordIds: going,
    rejectIds,
    stagedFiles,
    removed,
    generalization,
    kept,
    blockedBy,
    suppressionEntries,
    recipients,
    k,
    displayName,
    backups,
    token,
  };
}

export function previewOf(plan: ErasurePlan): ErasurePreview {
  const { statistics: _statistics, ...generalized } = plan.generalization;
  return {
    profileId: plan.scope.profileId,
    requestId: plan.requestId,
    displayName: plan.displayName,
    removed: plan.removed,
    generalized,
    kept: [...plan.kept],
    blockedBy: [...plan.blockedBy],
    suppressionEntries: plan.suppressionEntries,
    recipients: [...plan.recipients],
    sharedWith: plan.scope.sharedProfiles,
    k: plan.k,
    backups: [...plan.backups],
    token: plan.token,
  };
}
