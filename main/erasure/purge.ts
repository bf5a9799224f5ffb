/**
 * What follows the commit's transaction: freed pages already hold zeros (`secure_delete` is always on), but
 * the full-text index keeps a deleted row's terms in its old segments until they are merged, and the WAL
 * keeps the pages as they were before the commit until it is checkpointed. Both are rewritten here; staged
 * files holding the person are overwritten and removed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { optimizeSearch } from '../store/search-index';
import { shredFile } from './traces';

export function purgeAfterCommit(raw: Database.Database, erasedProfileIds: readonly number[], stagedFiles: readonly string[]): void {
  // Merges every segment of the shards that held them into one: the erased documents' words are dropped, not copied.
  optimizeSearch(raw, erasedProfileIds);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of stagedFiles) shredFile(file);
}
