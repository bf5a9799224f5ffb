/**
 * Work that falls due while the app is open and unlocked by an administrator or a steward — scheduled partner
 * extracts, approved retention sweeps whose time came: every minute, if something is due, its runner starts a
 * job through dispatch() (its progress shows and it can be cancelled like any other), one at a time. The CLI
 * has `custodia partners run-due` and `custodia retention sweep --due` for a computer where the app is not
 * left open. Modelled on the connectors' scheduler (main/ingest/connectors/scheduler.ts); a scheduled run is
 * not the person's activity.
 */
import type { Result } from '../core/errors';
import type { SqlRunner } from '../store/sql';
import type { OpenVault, VaultService } from '../vault/index';

export const DUE_TICK_MS = 60_000;

/** Runs the due work through dispatch(): its result, or null when the job could not run. */
export type RunDueRunner = () => Promise<Result<unknown> | null>;

export interface DueSchedulerOptions {
  readonly vaults: VaultService;
  readonly now: () => Date;
  /** Whether anything is due now (a cheap query). */
  readonly hasDue: (db: SqlRunner, now: Date) => boolean;
  readonly runDue: RunDueRunner;
  /** How often due work is looked for; null switches scheduling off (the CLI). */
  readonly tickMs?: number | null;
}

export class DueScheduler {
  private session: OpenVault | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly tickMs: number | null;

  constructor(private readonly options: DueSchedulerOptions) {
    this.tickMs = options.tickMs === undefined ? DUE_TICK_MS : options.tickMs;
  }

  /** Follows the session: starts when an administrator or steward unlocks, stops when the vault locks. */
  refresh(): void {
    if (this.tickMs === null || this.stopped) return;
    const open = this.options.vaults.session;
    const active = open && (open.user.role === 'administrator' || open.user.role === 'steward') ? open : null;
    if (active === this.session) return;
    this.session = active;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (active) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref();
    }
  }

  /** Stops for good (the backend is closing); a run still going is cancelled by the job registry. */
  stop(): void {
    this.stopped = true;
    this.session = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tickNow(): void {
    this.tick();
  }

  /** Resolves once no run is going (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private tick(): void {
    if (this.running || this.session === null) return;
    if (this.options.vaults.session !== this.session) {
      this.refresh();
      return;
    }
    let due: boolean;
    try {
      due = this.options.hasDue(this.session.db, this.options.now());
    } catch {
      // A vault locked between the check and the query: the next refresh stops the timer.
      return;
    }
    if (!due) return;
    this.running = this.options
      .runDue()
      .catch(() => null)
      .then(() => undefined)
      .finally(() => {
        this.running = null;
      });
  }
}
