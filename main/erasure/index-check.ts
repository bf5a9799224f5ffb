/**
 * The index part of the verification scan: what can be proven through the vault's indexes right after the
 * commit, in milliseconds at any size. Every normalized identifier of the person, looked up in the identifier
 * index, belongs to nobody or to someone else still in the vault; every record key they had is gone from its
 * source; the search index matches none of their profiles, holds no tombstone of them waiting for a merge,
 * and finds their emails only in other people's documents; their blocking keys are gone. The full scan of
 * every row and decrypted page follows and completes the certificate.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { searchTableOf } from '../store/search-index';
import { tombstonedDocs } from './scan/index';
import type { ErasurePlan } from './plan';

export interface IndexCheck {
  readonly clean: boolean;
  readonly lookups: number;
  readonly seconds: number;
}

/** An FTS5 query for a value as one phrase: its own words, in order, nothing of the query syntax. */
function phrase(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function indexCheck(raw: Database.Database, plan: ErasurePlan): IndexCheck {
  const started = performance.now();
  const erasedRecords = new Set(plan.goingRecordIds);
  const erasedProfiles = new Set([plan.scope.profileId, ...plan.scope.absorbedProfileIds]);
  let lookups = 0;
  let leaks = 0;
  const owners = raw.prepare('SELECT source_record_id FROM identifier WHERE kind = ? AND value = ?').pluck();
  for (const identifier of plan.scope.identifiers) {
    lookups += 1;
    for (const owner of owners.all(identifier.kind, identifier.value) as number[]) if (erasedRecords.has(owner)) leaks += 1;
  }
  const records = raw.prepare('SELECT count(*) FROM source_record WHERE id = ?').pluck();
  const keys = raw.prepare('SELECT count(*) FROM identity_key WHERE source_record_id = ?').pluck();
  for (const id of plan.goingRecordIds) {
    lookups += 2;
    leaks += (records.get(id) as number) + (keys.get(id) as number);
  }
  // The shards the erased profiles' documents were in: no other can hold their words.
  const shards = [...new Set([...erasedProfiles].map(searchTableOf))];
  for (const value of [
    ...plan.scope.identifiers.filter((identifier) => identifier.kind === 'email').map((identifier) => identifier.value),
    ...plan.scope.nameTexts,
  ]) {
    for (const table of shards) {
      lookups += 1;
      for (const rowid of raw.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(phrase(value)) as number[])
        if (erasedProfiles.has(rowid)) leaks += 1;
    }
  }
  for (const table of shards) {
    lookups += 1;
    for (const rowid of tombstonedDocs(raw, table)) if (erasedProfiles.has(rowid)) leaks += 1;
  }
  return { clean: leaks === 0, lookups, seconds: Math.round(performance.now() - started) / 1000 };
}
