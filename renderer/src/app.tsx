/**
 * The top-level state machine: no vault → create; locked → unlock or recover; a recovery code to show
 * once; unlocked → the shell. Lock events and LOCKED answers from anywhere bring the user back here.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionUser, VaultStatus } from '../../main/api/contract';
import { api, type ClientError, type ClientResult } from './api/client';
import { SessionContext, type Session } from './session/session-context';
import { Shell } from './screens/shell/shell';
import { CreateVaultScreen } from './screens/start/create-vault-screen';
import { ForcedPassphraseScreen } from './screens/start/forced-passphrase-screen';
import type { LockNotice } from './screens/start/lock-notice';
import { LockedScreen } from './screens/start/locked-screen';
import { RecoveryCodeScreen, type RevealReason } from './screens/start/recovery-code-screen';
import { StartProblemScreen } from './screens/start/start-problem-screen';

type Phase =
  | { readonly kind: 'problem'; readonly error: ClientError }
  | { readonly kind: 'no-vault' }
  | { readonly kind: 'locked'; readonly notice: LockNotice | null }
  | { readonly kind: 'reveal'; readonly code: string; readonly reason: RevealReason }
  | { readonly kind: 'unlocked' };

function phaseOf(result: ClientResult<VaultStatus>, notice: LockNotice | null = null): Phase {
  if (!result.ok) return { kind: 'problem', error: result.error };
  switch (result.value.state) {
    case 'no-vault':
      return { kind: 'no-vault' };
    case 'locked':
      return { kind: 'locked', notice };
    case 'unlocked':
      return { kind: 'unlocked' };
  }
}

export function App({ initial }: { readonly initial: ClientResult<VaultStatus> }): ReactNode {
  const [status, setStatus] = useState<VaultStatus | null>(initial.ok ? initial.value : null);
  const [phase, setPhase] = useState<Phase>(() => phaseOf(initial));
  const [lastUserName, setLastUserName] = useState(initial.ok ? (initial.value.user?.name ?? '') : '');
  // The idle timeout is only known while unlocked; remember it to explain a lock that just happened.
  const idleMinutes = useRef<number | null>(null);
  useEffect(() => {
    if (status?.idleLockMinutes) idleMinutes.current = status.idleLockMinutes;
  }, [status]);

  const reload = useCallback(async (notice: LockNotice | null = null): Promise<void> => {
    const result = await api.call('vault.status', {});
    if (result.ok) setStatus(result.value);
    // A recovery code on screen must survive anything: it will never be shown again.
    setPhase((previous) => (previous.kind === 'reveal' ? previous : phaseOf(result, notice)));
  }, []);

  useEffect(
    () =>
      api.onLocked((cause) => {
        setPhase((previous) => (previous.kind === 'unlocked' ? { kind: 'locked', notice: { cause, minutes: idleMinutes.current } } : previous));
        void api.call('vault.status', {}).then((result) => {
          if (result.ok) setStatus(result.value);
        });
      }),
    [],
  );

  // The background page check found damage: the status carries what the banner says.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'vault.damaged') void reload();
      }),
    [reload],
  );

  const lock = useCallback(async (): Promise<void> => {
    const result = await api.call('vault.lock', {});
    if (result.ok) setPhase((previous) => (previous.kind === 'unlocked' ? { kind: 'locked', notice: { cause: 'user', minutes: null } } : previous));
  }, []);

  const onUnlocked = useCallback(
    (user: SessionUser): void => {
      setLastUserName(user.name);
      void reload();
    },
    [reload],
  );

  const reveal = useCallback((code: string, reason: RevealReason): void => {
    setPhase({ kind: 'reveal', code, reason });
    void api.call('vault.status', {}).then((result) => {
      if (result.ok) {
        setStatus(result.value);
        if (result.value.user) setLastUserName(result.value.user.name);
      }
    });
  }, []);

  const session = useMemo<Session | null>(() => (status?.user ? { status, user: status.user, refresh: () => reload(), lock } : null), [status, reload, lock]);

  const vaultDir = status?.vaultDir ?? '';
  switch (phase.kind) {
    case 'problem':
      return <StartProblemScreen error={phase.error} onRetry={() => void reload()} />;
    case 'no-vault':
      return <CreateVaultScreen vaultDir={vaultDir} onCreated={(code) => reveal(code, 'created')} />;
    case 'reveal':
      return (
        <RecoveryCodeScreen
          code={phase.code}
          reason={phase.reason}
          vaultDir={vaultDir}
          onDone={() => {
            setPhase({ kind: 'unlocked' });
            void reload({ cause: 'stale-session', minutes: null });
          }}
        />
      );
    case 'locked':
      return (
        <LockedScreen
          vaultDir={vaultDir}
          notice={phase.notice}
          retryAfterSeconds={status?.retryAfterSeconds ?? null}
          lastUserName={lastUserName}
          onUnlocked={onUnlocked}
          onRecovered={(code) => reveal(code, 'recovered')}
        />
      );
    case 'unlocked':
      if (!session) return null;
      return (
        <SessionContext.Provider value={session}>
          {session.user.mustChangePassphrase ? <ForcedPassphraseScreen onChanged={() => void reload()} onLock={() => void lock()} /> : <Shell />}
        </SessionContext.Provider>
      );
  }
}
