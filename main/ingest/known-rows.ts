/**
 * Rows a source has already delivered, recognized without normalizing them again. A re-import of a
 * full export is mostly rows that have not changed since last time; normalizing them (phone numbers
 * above all) was most of a re-import's time, for nothing. Each record keeps the fingerprint of the row
 * it was written from: SHA-256 of the normalization version, the mapping and the row as sent, cut to
 * 128 bits. A row whose fingerprint a record already holds maps, by construction, to that record with
 * that content: it is unchanged.
 *
 * The writer gathers the source's fingerprints when a run starts and shares them with the parse workers
 * as a set of their first 96 bits (12 bytes a slot, in a SharedArrayBuffer). Two different rows would
 * have to agree on 96 bits of SHA-256 to be confused (about 1 in 10^16 at a million rows).
 */
import crypto from 'node:crypto';
import { sql, type SqlRunner } from '../store/sql';
import type { Mapping } from './mapping/fields';

/** Raised whenever normalization changes what a row becomes, so old fingerprints stop matching. */
export const NORMALIZATION_VERSION = 1;

const WORDS = 3;

export function mappingSeed(mapping: Mapping): string {
  return `${NORMALIZATION_VERSION}\u0000${crypto.hash('sha256', JSON.stringify(mapping), 'base64')}\u0000`;
}

export interface RowFingerprint {
  /** 22 base64 characters, as stored in `source_record.row_hash`. */
  readonly text: string;
  readonly bytes: Buffer;
}

export function rowFingerprint(seed: string, rawJson: string): RowFingerprint {
  const bytes = crypto.hash('sha256', seed + rawJson, 'buffer').subarray(0, 16);
  return { text: bytes.toString('base64url'), bytes };
}

export class KnownRows {
  private readonly slots: Uint32Array;
  private readonly mask: number;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Uint32Array(buffer);
    this.mask = this.slots.length / WORDS - 1;
  }

  /** From the stored fingerprints (`row_hash` values); null when there are none. */
  static build(fingerprints: Iterable<string>, count: number): KnownRows | null {
    if (count === 0) return null;
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    const known = new KnownRows(new SharedArrayBuffer(capacity * WORDS * 4));
    for (const text of fingerprints) known.add(Buffer.from(text, 'base64url'));
    return known;
  }

  static from(buffer: SharedArrayBuffer): KnownRows {
    return new KnownRows(buffer);
  }

  has(bytes: Buffer): boolean {
    const [a, b, c] = words(bytes);
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * WORDS;
      if (this.slots[at] === 0 && this.slots[at + 1] === 0 && this.slots[at + 2] === 0) return false;
      if (this.slots[at] === a && this.slots[at + 1] === b && this.slots[at + 2] === c) return true;
    }
  }

  private add(bytes: Buffer): void {
    if (bytes.length < 12) return;
    const [a, b, c] = words(bytes);
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * WORDS;
      if (this.slots[at] === a && this.slots[at + 1] === b && this.slots[at + 2] === c) return;
      if (this.slots[at] === 0 && this.slots[at + 1] === 0 && this.slots[at + 2] === 0) {
        this.slots[at] = a;
        this.slots[at + 1] = b;
        this.slots[at + 2] = c;
        return;
      }
    }
  }
}

/** The first 96 bits; an all-zero digest (never seen in practice) is nudged so it never reads as empty. */
function words(bytes: Buffer): [number, number, number] {
  const a = bytes.readUInt32LE(0);
  const b = bytes.readUInt32LE(4);
  const c = bytes.readUInt32LE(8);
  return a === 0 && b === 0 && c === 0 ? [1, 0, 0] : [a, b, c];
}

/**
 * The fingerprints of a source's records, for a run about to read it again; with the rows a later row of
 * the same customer number replaced in the same file (see RecordWriter.write), which are not new either.
 */
export function loadKnownRows(db: SqlRunner, sourceId: number): KnownRows | null {
  const superseded = sql`
    SELECT json_extract(f.detail, '$.supersededRow') AS rowHash FROM record_flag f JOIN source_record r ON r.id = f.source_record_id
    WHERE r.source_id = ${sourceId} AND f.code = 'duplicateKey' AND json_extract(f.detail, '$.supersededRow') IS NOT NULL`;
  const count =
    db.get<{ n: number }>(sql`SELECT (SELECT count(row_hash) FROM source_record WHERE source_id = ${sourceId}) + (SELECT count(*) FROM (${superseded})) AS n`)
      ?.n ?? 0;
  if (count === 0) return null;
  // Streamed (a million rows as objects would be 100 MB for a moment), and read to the end by build():
  // an unfinished iterator would keep the connection busy.
  const rows = db.iterate<{ rowHash: string }>(
    sql`SELECT row_hash AS rowHash FROM source_record WHERE source_id = ${sourceId} AND row_hash IS NOT NULL UNION ALL ${superseded}`,
  );
  return KnownRows.build(
    (function* () {
      for (const row of rows) yield row.rowHash;
    })(),
    count,
  );
}
