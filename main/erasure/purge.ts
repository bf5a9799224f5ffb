/**
 * What follows the commit's transaction: freed pages already hold zeros (`secure_delete` is always on), but
 * the full-text index keeps a deleted row's terms in its old segments until they are merged, and the WAL
 * keeps the pages as they were before the commit until it is checkpointed. Both are rewritten here; staged
 * files holding the person are overwritten and removed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { shredFile } from './traces';

export function purgeAfterCommit(raw: Database.Database, stagedFiles: readonly string[]): void {
  // Merges every segment into one: the erased rows' entries are dropped, not copied.
  raw.exec(`INSERT INTO profile_search (profile_search) VALUES ('optimize')`);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of stagedFiles) shredFile(file);
}
