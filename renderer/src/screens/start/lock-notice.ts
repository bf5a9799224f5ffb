import type { LockCause } from '../../api/client';

/** Why the unlock screen is shown again, so it can say so. */
export interface LockNotice {
  readonly cause: LockCause;
  /** The idle timeout that applied, for "locked after N minutes". */
  readonly minutes: number | null;
}
