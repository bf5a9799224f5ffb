/** The backend builds the context every capability's handlers receive (defined with the vault). */
export type { CapabilityContext as BackendContext } from '../vault/context';
