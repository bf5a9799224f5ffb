/**
 * The backend: the vault service, the jobs and dispatch() behind one `call()`. It runs inside the worker
 * thread for the desktop app and the browser bridge, and in-process for the CLI and the tests — the
 * same code either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackendEvent, MethodName, MethodReply } from '../api/contract';
import { createDispatch, type Dispatch } from '../api/dispatch';
import type { ApiError, Result } from '../core/errors';
import { JobRegistry } from '../jobs/jobs';
import { ConnectorScheduler } from '../ingest/connectors/scheduler';
import { hasDueSchedules } from '../partners/index';
import { waitingSweeps } from '../retention/index';
import { DueScheduler } from './due-scheduler';
import { interruptAbandonedRuns } from '../ingest/run-batches';
import { admitRecord, removeUnadmittedRecords, setProfileNamer } from '../ingest/index';
import { setHeldRecordHooks } from '../consent/index';
import { nameFromGolden } from '../identity/index';
import { LANGUAGES, type Language } from '../core/contract-kit';
import { translator } from '../i18n/translator';
import { setPackageTranslator } from '../requests/index';
import { replayErasures, setCertificateTranslator } from '../erasure/index';
import { setRegisterTranslator } from '../partners/index';
import { setProcessingTranslator } from '../processing/index';
import { setRestoreReplay } from '../vault/index';
import { isBusyError, isDamageError } from '../store/connection';
import { VaultService } from '../vault/vault-service';
import type { BackendClient } from './client';
import type { BackendContext } from './context';
import { handlers } from './handlers';
import { runJob } from './run-job';

export type { BackendClient };

// A re-import, a correction or an import undone renames a person after their golden record, as a merge does.
setProfileNamer((db, profileId, stamp) => void nameFromGolden(db, profileId, stamp));
setPackageTranslator((language) => translator(LANGUAGES.includes(language as Language) ? (language as Language) : 'en'));
setCertificateTranslator((language) => translator(LANGUAGES.includes(language as Language) ? (language as Language) : 'en'));
setRegisterTranslator((language) => translator(LANGUAGES.includes(language as Language) ? (language as Language) : 'en'));
setProcessingTranslator((language) => translator(LANGUAGES.includes(language as Language) ? (language as Language) : 'en'));
// A restore from the unlocked vault makes its erasures again in the restored copy (main/erasure/replay.ts).
setRestoreReplay((current, restored, audit, actorId, now) => void replayErasures(current, restored, audit, actorId, now));
// The consent gate's release and delete act on ingest's records and profiles; consent cannot import ingest.
setHeldRecordHooks({ admit: admitRecord, remove: removeUnadmittedRecords });

export interface BackendOptions {
  readonly vaultDir: string;
  readonly now?: () => Date;
  /** How often the idle lock is checked; tests shorten it. */
  readonly idleCheckMs?: number;
  /** How often scheduled connector syncs are looked for (default a minute); null: no scheduling, no watched folders (the CLI). */
  readonly connectorTickMs?: number | null;
  /** How often due partner extracts are looked for; by default as connectorTickMs (so the CLI's null switches both off). */
  readonly partnerTickMs?: number | null;
}

/** Calls that must not count as activity: status polling and job polling. */
const PASSIVE_METHODS: ReadonlySet<MethodName> = new Set(['vault.status', 'jobs.get']);

export class Backend implements BackendClient {
  readonly vaults: VaultService;
  private readonly listeners = new Set<(event: BackendEvent) => void>();
  private readonly jobs: JobRegistry;
  private readonly dispatch: Dispatch;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly logFile: string;
  readonly scheduler: ConnectorScheduler;
  readonly partnerScheduler: DueScheduler;
  readonly sweepScheduler: DueScheduler;

  constructor(options: BackendOptions) {
    const now = options.now ?? (() => new Date());
    const emit = (event: BackendEvent): void => {
      for (const listener of this.listeners) listener(event);
    };
    this.vaults = new VaultService(options.vaultDir, now, {
      onOpen: (vault) => {
        const interrupted = interruptAbandonedRuns(vault, now());
        if (interrupted > 0) this.log(`unlock: ${interrupted} import run(s) left running by a stopped process marked interrupted`);
      },
      onDamage: (damage) => {
        this.log(`page check: the vault file is damaged (${damage.problems} problem(s)); writing stopped`);
        emit({ type: 'vault.damaged' });
      },
    });
    this.logFile = path.join(this.vaults.files.dir, 'custodia.log');
    tightenLogFile(this.logFile);
    const mapError = (error: unknown, method: string): ApiError => this.mapError(error, method);
    this.jobs = new JobRegistry(emit, mapError);
    const context: BackendContext = {
      vaults: this.vaults,
      jobs: this.jobs,
      now,
      emit,
      lock: async (reason) => {
        await this.jobs.cancelAll();
        this.vaults.lock(reason);
        this.scheduler.refresh();
        this.partnerScheduler.refresh();
        this.sweepScheduler.refresh();
        emit({ type: 'vault.locked', reason });
      },
    };
    this.dispatch = createDispatch(handlers, {
      context,
      currentRole: () => this.vaults.role(),
      mustChangePassphrase: () => this.vaults.session?.user.mustChangePassphrase === true,
      startJob: (method, run) => this.jobs.start(method, run),
      mapError,
    });
    this.idleTimer = setInterval(() => {
      if (this.vaults.idleExpired()) void context.lock('idle');
    }, options.idleCheckMs ?? 15_000);
    this.idleTimer.unref();
    // Scheduled syncs start jobs through dispatch() itself: they are not the person's activity.
    this.scheduler = new ConnectorScheduler({
      vaults: this.vaults,
      now,
      runSync: (name) =>
        runJob({ call: this.dispatch, onEvent: (listener) => this.onEvent(listener), close: async () => undefined }, 'connectors.sync', { name }),
      tickMs: options.connectorTickMs,
    });
    const client = { call: this.dispatch, onEvent: (listener: (event: BackendEvent) => void) => this.onEvent(listener), close: async () => undefined };
    const dueTickMs = options.partnerTickMs !== undefined ? options.partnerTickMs : options.connectorTickMs;
    this.partnerScheduler = new DueScheduler({
      vaults: this.vaults,
      now,
      hasDue: hasDueSchedules,
      runDue: () => runJob(client, 'schedules.runDue', {}),
      tickMs: dueTickMs,
    });
    // An approved sweep runs at its time, one at a time; a refused one is on the home screen.
    this.sweepScheduler = new DueScheduler({
      vaults: this.vaults,
      now,
      hasDue: (db, at) => waitingSweeps(db, at).length > 0,
      runDue: async () => {
        const [next] = this.vaults.session === null ? [] : waitingSweeps(this.vaults.session.db, now());
        return next === undefined ? null : runJob(client, 'retention.runSweep', { id: next });
      },
      tickMs: dueTickMs,
    });
  }

  async call<M extends MethodName>(method: M, input: unknown = {}): Promise<Result<MethodReply<M>>> {
    const result = await this.dispatch(method, input);
    if (!PASSIVE_METHODS.has(method) && this.vaults.session) this.vaults.touch();
    this.scheduler.refresh(method);
    this.partnerScheduler.refresh();
    this.sweepScheduler.refresh();
    return result;
  }

  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.idleTimer);
    await this.scheduler.stop();
    this.partnerScheduler.stop();
    this.sweepScheduler.stop();
    await this.jobs.cancelAll();
    this.vaults.lock('shutdown');
    // A page check started at unlock must not outlive the backend with the file open.
    await this.vaults.pages.stop();
  }

  private mapError(error: unknown, method: string): ApiError {
    if (isDamageError(error)) return { code: 'VAULT_DAMAGED', message: 'The vault file is damaged: a page failed its integrity check.' };
    if (isBusyError(error)) {
      return {
        code: 'CONFLICT',
        message: 'The vault is busy with a long write in another window or process (a bulk import). Try again in a moment.',
        params: { reason: 'vaultBusy' },
      };
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EROFS', 'EEXIST'].includes(code)) {
      return { code: 'IO_ERROR', message: `File system error (${code}).`, params: { errno: code } };
    }
    this.log(`${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { code: 'INTERNAL', message: 'Something went wrong inside Custodia; the details are in custodia.log.' };
  }

  private log(line: string): void {
    try {
      fs.mkdirSync(path.dirname(this.logFile), { recursive: true, mode: 0o700 });
      // Owner-only: a stack trace can quote a value from a customer's row.
      fs.appendFileSync(this.logFile, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 });
    } catch {
      // logging must never turn an error into a crash
    }
  }
}

/** A log written by an earlier version may be readable by everyone on the machine. */
function tightenLogFile(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // No log yet: it is created owner-only.
  }
}
