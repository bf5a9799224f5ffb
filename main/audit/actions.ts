/** Every action the audit trail can record. Details carry ids and counts only, never personal data. */
export const AUDIT_ACTIONS = [
  'vault.created',
  'vault.unlocked',
  'vault.unlock_failed',
  'vault.locked',
  'vault.passphrase_changed',
  'vault.recovered',
  'vault.idle_lock_changed',
  'vault.backup_created',
  'vault.restored',
  'vault.checked',
  'vault.key_revealed',
  'user.added',
  'user.disabled',
  'user.signing_key_created',
  'user.role_changed',
  'user.passphrase_reset',
  'audit.verified',
  'audit.exported',
  'source.saved',
  'import.started',
  'import.completed',
  'import.failed',
  'import.cancelled',
  'import.interrupted',
  'import.rejects_exported',
  'import.undo_started',
  'import.undone',
  'import.undo_cancelled',
  'import.undo_failed',
  'quality.corrected',
  'connector.added',
  'connector.updated',
  'connector.removed',
  'connector.tested',
  'sync.retry_scheduled',
  'profile.viewed',
  'profiles.searched',
  'profiles.exported',
  'profiles.merged',
  'profiles.split',
  'profiles.unmerged',
  'identity.resolved',
  'identity.reviewed',
  'identity.decided',
  'identity.settings_changed',
  'identity.linked',
  'identity.survivorship_changed',
  'purpose.created',
  'purpose.updated',
  'consent.recorded',
  'request.opened',
  'request.extended',
  'request.verified',
  'request.matched',
  'request.closed',
  'request.packaged',
  'request.settings_changed',
  'consent.released',
  'consent.held_deleted',
  'consent.bulk_recorded',
  'erasure.committed',
  'erasure.verified',
  'erasure.certificate_exported',
  'erasure.settings_changed',
  'erasure.hold_placed',
  'erasure.hold_released',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type DetailValue = string | number | boolean | null | readonly (string | number)[];
export type AuditDetails = Readonly<Record<string, DetailValue>>;

export interface AuditRecord {
  readonly action: AuditAction;
  readonly actorId: number | null;
  readonly objectType?: string | null;
  readonly objectId?: string | number | null;
  readonly details?: AuditDetails;
}
