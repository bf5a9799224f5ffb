/**
 * What every unlocked screen needs to know about the session: who is signed in, the vault's status,
 * and the two actions that change it for everyone (refresh after a setting changed, lock).
 */
import { createContext, useContext } from 'react';
import type { Role, SessionUser, VaultStatus } from '../../../main/api/contract';

export interface Session {
  readonly status: VaultStatus;
  readonly user: SessionUser;
  readonly refresh: () => Promise<void>;
  readonly lock: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside an unlocked vault');
  return session;
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return roles.includes(user.role);
}
