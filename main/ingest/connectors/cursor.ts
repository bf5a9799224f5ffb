/**
 * Where an incremental connector stands, as the JSON text stored in `import_run.cursor_after`.
 *
 * Databases: the last row's cursor value and id (`{"scope":"…","value":"2026-03-01T10:00:00.123456+00:00","id":"42"}`),
 * both as the server renders them in text, so a timestamp keeps its full precision (microseconds for
 * PostgreSQL) and reads back exactly; paging is keyset on (cursor, id). REST: the largest value of the
 * cursor field seen (`{"scope":"…","value":"…"}`).
 *
 * `scope` fingerprints what the cursor belongs to (table or query, columns, address): after the steward
 * changes the query, an old cursor would skip rows, so it is ignored and the next sync reads everything.
 */
import crypto from 'node:crypto';
import type { ReadItem } from '../types';

/** What connectors produce: raw items, mapped by writeBatches, and the position after them. */
export interface ReadBatch {
  readonly items: readonly ReadItem[];
  /** Where an incremental source stands after this batch (see below); null or absent: unchanged. */
  readonly cursor?: string | null;
}

export interface Position {
  /** The cursor column's value in the last row read; null when that row had none (they come first). */
  readonly value: string | null;
  /** The id column's value in the last row read; absent for REST cursors. */
  readonly id?: string;
}

export function scopeOf(...parts: ReadonlyArray<string | number | null | undefined>): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export function encodeCursor(scope: string, position: Position): string {
  return JSON.stringify(position.id === undefined ? { scope, value: position.value } : { scope, value: position.value, id: position.id });
}

/** The stored position, or null when there is none, it is unreadable, or it belongs to another scope. */
export function decodeCursor(text: string | null, scope: string): Position | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { scope?: unknown; value?: unknown; id?: unknown };
    if (parsed.scope !== scope) return null;
    if (parsed.value !== null && typeof parsed.value !== 'string') return null;
    if (parsed.id !== undefined && typeof parsed.id !== 'string') return null;
    return parsed.id === undefined ? { value: parsed.value } : { value: parsed.value, id: parsed.id };
  } catch {
    return null;
  }
}
