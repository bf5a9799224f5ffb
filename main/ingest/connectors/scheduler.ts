/**
 * Scheduled syncs while the vault is unlocked by an administrator or a steward: every minute, the
 * connectors whose period has elapsed since their last success and whose retry delay has passed are
 * synced, each as a `connectors.sync` job, so it shows its progress and can be cancelled like any other.
 * Folder connectors with a schedule are also watched (watcher.ts) and synced when a file arrives. A
 * connector without one ("On demand only") is never synced from here: not when it is added, not at a
 * tick, not when a file arrives in its folder.
 *
 * Several connectors sync at once (MAX_CONCURRENT_SYNCS), each at most once at a time: a source that
 * stalls holds its own place only, and the others go on around it. It still may not wait for ever, since
 * it would keep that place: every database query has a time limit (QUERY_TIMEOUT_MS in database.ts),
 * every API request one too (timeoutSeconds, rest.ts). Running side by side is safe on the vault's one
 * connection: every write transaction is synchronous (the driver refuses one that awaits), so two syncs
 * only ever alternate between whole batches, and bulk mode is taken by one run at a time (run-batches.ts).
 *
 * Jobs are started through dispatch() directly, not through Backend.call(): a scheduled sync is not the
 * person's activity and must not hold off the idle lock.
 */
import type { SyncOutcome } from './contract';
import type { Result } from '../../core/errors';
import type { OpenVault, VaultService } from '../../vault/index';
import { isDue, listConnectors } from './store';
import { FolderWatchers } from './watcher';

export const TICK_MS = 60_000;
/** A watcher's sync that found another sync of the same connector running is tried again this much later. */
const SKIPPED_RETRY_MS = 5_000;
/**
 * Reading is I/O-bound (mostly waiting on a remote server), so a few syncs at once hide each other's
 * waits; writing is serialized on the vault's one connection anyway, so more would not write faster,
 * and each sync holds a page of rows in memory, a connection to its source and, for a folder, parse
 * workers on a machine that may have two cores. Three lets the others through even with two sources stalled.
 */
const MAX_CONCURRENT_SYNCS = 3;

/**
 * Runs one connector's sync as a job through the same door as a person's (the backend passes it in, so
 * this capability never imports the backend): the outcome, or null when the job could not run.
 */
export type SyncRunner = (name: string) => Promise<Result<{ outcomes: readonly SyncOutcome[] }> | null>;

export interface SchedulerOptions {
  readonly vaults: VaultService;
  readonly now: () => Date;
  readonly runSync: SyncRunner;
  /** How often due connectors are looked for; null switches scheduling and watching off (the CLI). */
  readonly tickMs?: number | null;
}

export class ConnectorScheduler {
  private session: OpenVault | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly queue: string[] = [];
  private readonly running = new Set<string>();
  /** Running connectors whose folder received a file after their sync had listed it: they sync once more. */
  private readonly again = new Set<string>();
  private stopped = false;
  private readonly watchers: FolderWatchers;
  private readonly tickMs: number | null;

  constructor(private readonly options: SchedulerOptions) {
    this.tickMs = options.tickMs === undefined ? TICK_MS : options.tickMs;
    this.watchers = new FolderWatchers((name) => this.fileArrived(name));
  }

  /**
   * Follows the session: starts when an administrator or steward unlocks, stops when the vault locks.
   * Called after every API call (a cheap identity check) and after an idle lock; a call that changed
   * connectors also updates the watched folders.
   */
  refresh(method?: string): void {
    if (this.tickMs === null || this.stopped) return;
    const open = this.options.vaults.session;
    const active = open && (open.user.role === 'administrator' || open.user.role === 'steward') ? open : null;
    if (active !== this.session) {
      this.session = active;
      this.queue.length = 0;
      this.again.clear();
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      if (active) {
        this.timer = setInterval(() => this.tick(), this.tickMs);
        this.timer.unref();
        this.watchFolders();
      } else {
        void this.watchers.closeAll();
      }
    } else if (active && method?.startsWith('connectors.') && method !== 'connectors.list') {
      this.watchFolders();
    }
  }

  /** Stops for good (the backend is closing); the syncs still running are cancelled by the job registry. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.session = null;
    this.queue.length = 0;
    this.again.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.watchers.closeAll();
  }

  get watchedFolders(): number {
    return this.watchers.size;
  }

  /** Queues the due connectors; exported for tests through `tickNow`. */
  private tick(): void {
    if (!this.current()) return;
    try {
      const now = this.options.now();
      for (const connector of listConnectors(this.session!.db)) if (isDue(connector, now)) this.enqueue(connector.source.name);
    } catch {
      // A vault locked between the check and the query: the next refresh stops the timer.
    }
  }

  tickNow(): void {
    this.tick();
  }

  /** Resolves once nothing is queued or running (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private current(): boolean {
    if (this.session !== null && this.options.vaults.session === this.session) return true;
    this.refresh();
    return false;
  }

  private watchFolders(): void {
    try {
      this.watchers.reconcile(listConnectors(this.session!.db));
    } catch {
      // Locked in between: refresh() closes the watchers.
    }
  }

  /**
   * A sync of the folder already running listed its files when it started: a file that arrived since is
   * not among them, so the connector syncs once more when it ends (a tick, unlike a file, has nothing new).
   */
  private fileArrived(name: string): void {
    if (this.running.has(name) && this.current()) this.again.add(name);
    else this.enqueue(name);
  }

  private enqueue(name: string): void {
    if (!this.current()) return;
    // A tick during a sync still sees the old last success: the running one is not queued again.
    if (!this.running.has(name) && !this.queue.includes(name)) this.queue.push(name);
    this.startSyncs();
  }

  /** Fills the free places from the queue, in the order connectors were queued. */
  private startSyncs(): void {
    while (this.running.size < MAX_CONCURRENT_SYNCS && this.queue.length > 0 && this.current()) {
      const name = this.queue.shift()!;
      this.running.add(name);
      void this.syncOne(name);
    }
  }

  private async syncOne(name: string): Promise<void> {
    try {
      const result = await this.options.runSync(name).catch(() => null);
      // Another sync of the same connector was running (started by a person): a file that arrived
      // meanwhile may not have been seen by it, so look again shortly.
      if (result?.ok && result.value.outcomes.some((outcome) => outcome.status === 'skipped')) {
        setTimeout(() => this.enqueue(name), SKIPPED_RETRY_MS).unref();
      }
    } finally {
      this.running.delete(name);
      if (this.again.delete(name)) this.enqueue(name);
      this.startSyncs();
    }
  }
}
