/**
 * Scheduled extracts while the app is open and unlocked by an administrator or a steward: every minute, if
 * a schedule is due, `schedules.runDue` runs as a job (its progress shows and it can be cancelled like any
 * other), one at a time. The CLI has `custodia partners run-due` for a computer where the app is not left
 * open. Modelled on the connectors' scheduler (main/ingest/connectors/scheduler.ts): the backend passes the
 * runner in, so this capability never imports the backend, and a scheduled run is not the person's activity.
 */
import type { Result } from '../../core/errors';
import type { OpenVault, VaultService } from '../../vault/index';
import { dueSchedules } from './store';

export const PARTNER_TICK_MS = 60_000;

/** Runs `schedules.runDue` through dispatch(): its result, or null when the job could not run. */
export type RunDueRunner = () => Promise<Result<unknown> | null>;

export interface PartnerSchedulerOptions {
  readonly vaults: VaultService;
  readonly now: () => Date;
  readonly runDue: RunDueRunner;
  /** How often due schedules are looked for; null switches scheduling off (the CLI). */
  readonly tickMs?: number | null;
}

export class PartnerScheduler {
  private session: OpenVault | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly tickMs: number | null;

  constructor(private readonly options: PartnerSchedulerOptions) {
    this.tickMs = options.tickMs === undefined ? PARTNER_TICK_MS : options.tickMs;
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
    let due: number;
    try {
      due = dueSchedules(this.session.db, this.options.now()).length;
    } catch {
      // A vault locked between the check and the query: the next refresh stops the timer.
      return;
    }
    if (due === 0) return;
    this.running = this.options
      .runDue()
      .catch(() => null)
      .then(() => undefined)
      .finally(() => {
        this.running = null;
      });
  }
}
