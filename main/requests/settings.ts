/**
 * What the register and the access package need to know of the organisation: its name (the report says who
 * holds the data) and the vault's time zone (the calendar days the law counts in, and the times a report
 * shows). Stored in the vault's settings; the zone falls back to the computer's (zone.ts).
 */
import { AppError } from '../core/errors';
import { isTimeZone } from '../ingest/contract';
import { sql, type SqlRunner } from '../store/sql';
import { vaultTimeZone } from './zone';

export interface RequestSettings {
  readonly organisationName: string;
  readonly timeZone: string;
  /** True when the zone is the computer's, not set in the vault. */
  readonly timeZoneFromComputer: boolean;
}

const ORGANISATION = 'organisation_name';
const TIME_ZONE = 'time_zone';

export function readRequestSettings(db: SqlRunner): RequestSettings {
  const stored = db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${TIME_ZONE}`)?.value;
  return {
    organisationName: db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${ORGANISATION}`)?.value ?? '',
    timeZone: vaultTimeZone(db),
    timeZoneFromComputer: stored === undefined,
  };
}

/** Saves what is given; returns which settings changed (for the audit entry: names, never the values). */
export function saveRequestSettings(db: SqlRunner, input: { organisationName?: string | undefined; timeZone?: string | undefined }): string[] {
  const changed: string[] = [];
  if (input.timeZone !== undefined) {
    if (!isTimeZone(input.timeZone))
      throw new AppError('INVALID_INPUT', `${input.timeZone} is not a time zone.`, { reason: 'unknownTimeZone', timeZone: input.timeZone });
    db.run(sql`INSERT INTO setting (key, value) VALUES (${TIME_ZONE}, ${input.timeZone}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    changed.push('timeZone');
  }
  if (input.organisationName !== undefined) {
    db.run(sql`INSERT INTO setting (key, value) VALUES (${ORGANISATION}, ${input.organisationName}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    changed.push('organisationName');
  }
  return changed;
}
