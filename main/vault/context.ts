import type { BackendEvent } from '../core/events';
import type { JobRegistry } from '../jobs/index';
import type { VaultService } from './vault-service';

/**
 * What every capability's handlers receive: the vault service, the job registry, the clock and the event
 * sink. It lives with the vault because every capability works on an open vault; the backend builds it.
 */
export interface CapabilityContext {
  readonly vaults: VaultService;
  readonly jobs: JobRegistry;
  readonly now: () => Date;
  readonly emit: (event: BackendEvent) => void;
  /** Cancels running jobs, then locks: nothing may run against a closed connection. */
  readonly lock: (reason: 'user' | 'idle') => Promise<void>;
}
