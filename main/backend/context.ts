import type { BackendEvent } from '../api/contract';
import type { HandlerTable } from '../api/dispatch';
import type { JobRegistry } from '../jobs/jobs';
import type { VaultService } from '../vault/vault-service';

/** What every handler receives: the vault service, the job registry, the clock and the event sink. */
export interface BackendContext {
  readonly vaults: VaultService;
  readonly jobs: JobRegistry;
  readonly now: () => Date;
  readonly emit: (event: BackendEvent) => void;
  /** Cancels running jobs, then locks: nothing may run against a closed connection. */
  readonly lock: (reason: 'user' | 'idle') => Promise<void>;
}

export type Handlers<K extends keyof HandlerTable<BackendContext>> = Pick<HandlerTable<BackendContext>, K>;
