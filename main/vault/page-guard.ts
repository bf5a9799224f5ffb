/**
 * Keeps writes away from a damaged vault file. SQLite reads only the pages a query touches, so eight
 * flipped bytes in the middle of vault.db went unnoticed while unlock, search and imports kept working
 * and writing. The guard checks every page in the background after unlock and before bulk writes; once a
 * page fails, the connection turns read-only (what is intact can still be read and backed up elsewhere)
 * and every write is refused with the date of the last backup to restore from.
 */
import { AppError } from '../core/errors';
import { checkPagesInBackground } from '../store/integrity';
import { sql } from '../store/sql';
import type { OpenVault } from './open-vault';

export interface Damage {
  /** How many problems the page check reported. */
  readonly problems: number;
  readonly foundAt: string;
  /** When the last backup recorded in the audit trail was written, if it can still be read. */
  readonly lastBackupAt: string | null;
}

export class PageGuard {
  private damage: Damage | null = null;
  private inFlight: { vault: OpenVault; check: Promise<Damage | null>; stop: () => Promise<void> } | null = null;
  /** When the last check of this session found every page intact (epoch ms), and for which vault. */
  private lastIntact: { vault: OpenVault; at: number } | null = null;
  /**
   * A check this recent is trusted before a bulk write instead of reading every page again. Measured: a
   * full read costs about a second per 150 MB of vault (a 1 M-record vault: ~10 s), which a connector
   * syncing every few minutes would pay each time; damage appearing within minutes of a clean read is
   * rare, and the next check after this window catches it before the next bulk write.
   */
  freshForMs = 10 * 60_000;
  /** Checks still winding down after a lock: awaited by stop() so no worker holds the file afterwards. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(
    private readonly now: () => Date,
    private readonly onDamage: (damage: Damage) => void,
  ) {}

  get current(): Damage | null {
    return this.damage;
  }

  /** Forgets the session's finding (the next unlock checks again) and ends a check still running. */
  reset(): void {
    this.damage = null;
    this.lastIntact = null;
    if (this.inFlight) {
      const stopped = this.inFlight.stop();
      this.stopping.add(stopped);
      void stopped.finally(() => this.stopping.delete(stopped));
    }
    this.inFlight = null;
  }

  /** Resolves once no check is running: the backend waits for it before it closes. */
  async stop(): Promise<void> {
    this.reset();
    await Promise.all([...this.stopping]);
  }

  /** Checks every page of the open vault; a check already running for it is shared, not repeated. */
  check(vault: OpenVault): Promise<Damage | null> {
    if (this.inFlight?.vault === vault) return this.inFlight.check;
    // A copy of the key: the session's own buffer is zeroed when the vault locks, perhaps mid-check.
    const running = checkPagesInBackground(vault.files.db, Buffer.from(vault.key));
    const check = running.result.then(
      (problems) => {
        if (problems.length > 0) this.markDamaged(vault, problems.length);
        else this.lastIntact = { vault, at: this.now().getTime() };
        return this.damage;
      },
      // A check that could not run (the worker failed to start) proves nothing either way.
      () => this.damage,
    );
    const entry = { vault, check, stop: running.stop };
    this.inFlight = entry;
    void check.finally(() => {
      if (this.inFlight === entry) this.inFlight = null;
    });
    return check;
  }

  /** Before a bulk write: checks the pages now, and refuses if any failed. */
  async assertIntact(vault: OpenVault): Promise<void> {
    const recent = this.lastIntact?.vault === vault && this.now().getTime() - this.lastIntact.at < this.freshForMs;
    if (!recent) await this.check(vault);
    this.assertWritable();
  }

  assertWritable(): void {
    const damage = this.damage;
    if (!damage) return;
    throw new AppError(
      'VAULT_DAMAGED',
      `The vault file is damaged (${damage.problems} page problem(s) found at ${damage.foundAt}); writing is stopped so the damage does not spread. ` +
        (damage.lastBackupAt ? `Restore the last backup (written ${damage.lastBackupAt}) into a new folder.` : 'Restore a backup into a new folder.'),
      { reason: 'pagesDamaged', problems: damage.problems, lastBackupAt: damage.lastBackupAt ?? '' },
    );
  }

  private markDamaged(vault: OpenVault, problems: number): void {
    if (!vault.raw.open || this.damage) return;
    // Every later write on this connection fails inside SQLite itself, whichever code path attempts it.
    vault.raw.pragma('query_only = ON');
    this.damage = { problems, foundAt: this.now().toISOString(), lastBackupAt: lastBackupAt(vault) };
    this.onDamage(this.damage);
  }
}

function lastBackupAt(vault: OpenVault): string | null {
  try {
    return vault.db.get<{ at: string }>(sql`SELECT at FROM audit_log WHERE action = 'vault.backup_created' ORDER BY seq DESC LIMIT 1`)?.at ?? null;
  } catch {
    // The audit trail may sit on a damaged page itself.
    return null;
  }
}
