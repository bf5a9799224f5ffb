/**
 * Numbered migrations tracked by `PRAGMA user_version`, each in its own transaction. A vault whose
 * version is higher than the last one here was written by a newer Custodia and is refused untouched.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../core/errors';
import { ensureBulkIndexes } from '../bulk-indexes';
import { migration001 } from './001-foundation';
import { migration002 } from './002-ingest';
import { migration003 } from './003-connectors';
import { migration004 } from './004-run-heartbeat';
import { migration005 } from './005-row-fingerprint';
import { migration006 } from './006-reject-details';
import { migration007 } from './007-error-details';
import { migration008 } from './008-source-read-options';
import { migration009 } from './009-run-undone';
import { migration010 } from './010-foreign-key-indexes';
import { migration011 } from './011-external-id-search';
import { migration012 } from './012-run-delimiter';
import { migration013 } from './013-user-passphrase-reset';
import { migration014 } from './014-record-flags';
import { migration015 } from './015-audit-object-index';
import { migration016 } from './016-identity';
import { migration017 } from './017-identity-keys';
import { migration018 } from './018-golden';
import { migration019 } from './019-purposes';
import { migration020 } from './020-consent-ledger';
import { migration021 } from './021-record-changes';
import { migration022 } from './022-record-hold';
import { migration023 } from './023-consent-state';
import { migration024 } from './024-requests';
import { migration025 } from './025-request-packages';
import { migration026 } from './026-erasure';
import { migration027 } from './027-partners';
import { migration028 } from './028-search-shards';
import { migration029 } from './029-retention';
import { migration031 } from './031-contact-preferences';
import { migration030 } from './030-language';

export type Migration = (db: Database.Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
  migration025,
  migration026,
  migration027,
  migration028,
  migration029,
  migration030,
  migration031,
];
export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotTooNew(db: Database.Database): void {
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new AppError(
      'VAULT_TOO_NEW',
      `This vault was written by a newer version of Custodia (schema ${version}; this version knows up to ${LATEST_VERSION}).`,
      {
        version,
        latest: LATEST_VERSION,
      },
    );
  }
}

/** Runs the migrations after `from` up to `to` (default: all); returns the versions applied. */
export function migrate(db: Database.Database, to: number = LATEST_VERSION): number[] {
  assertNotTooNew(db);
  const applied: number[] = [];
  for (let version = schemaVersion(db) + 1; version <= to; version += 1) {
    const step = MIGRATIONS[version - 1];
    if (!step) break;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
    applied.push(version);
  }
  // A bulk import that died before building its indexes again left them out (see bulk-indexes.ts).
  if (to === LATEST_VERSION) ensureBulkIndexes(db);
  return applied;
}
