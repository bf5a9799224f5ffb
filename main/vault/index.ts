/** What other capabilities may use of vault: everything else in this folder is its own business. */
export type { CapabilityContext } from './context';
export type { OpenVault } from './open-vault';
export { VaultService, type LockReason, type VaultHooks } from './vault-service';
export { setRestoreReplay, type RestoreReplay } from './restore-replay';
