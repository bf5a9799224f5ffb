/**
 * What a restore must redo in the restored copy so that the vault's later decisions stand there too: the
 * erasures made since the backup (main/erasure/replay.ts). The vault cannot import erasure (it builds on the
 * vault), so the backend plugs it in.
 */
import type { AuditLog } from '../audit/index';
import type { SqlRunner } from '../store/sql';

export type RestoreReplay = (current: SqlRunner, restored: SqlRunner, audit: AuditLog, actorId: number, now: Date) => void;

let plugged: RestoreReplay | null = null;

export function setRestoreReplay(replay: RestoreReplay | null): void {
  plugged = replay;
}

export function restoreReplay(): RestoreReplay | null {
  return plugged;
}
