/** The vault exists and is locked: unlock it, or recover an administrator's access with the recovery code. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { AuthLayout } from '../../components/auth-layout';
import type { LockNotice } from './lock-notice';
import { RecoverForm } from './recover-form';
import { UnlockForm } from './unlock-form';

interface Props {
  readonly vaultDir: string;
  readonly notice: LockNotice | null;
  readonly retryAfterSeconds: number | null;
  readonly lastUserName: string;
  readonly onUnlocked: (user: SessionUser) => void;
  readonly onRecovered: (newRecoveryCode: string) => void;
}

function NoticeText({ notice }: { readonly notice: LockNotice }): ReactNode {
  const { t } = useTranslation();
  switch (notice.cause) {
    case 'idle':
      return notice.minutes ? t('lockNotice.idle', { count: notice.minutes }) : t('lockNotice.idleUnknown');
    case 'user':
      return t('lockNotice.user');
    case 'stale-session':
      return t('lockNotice.stale');
  }
}

export function LockedScreen({ vaultDir, notice, retryAfterSeconds, lastUserName, onUnlocked, onRecovered }: Props): ReactNode {
  const { t } = useTranslation();
  const [view, setView] = useState<'unlock' | 'recover'>('unlock');

  if (view === 'recover') {
    return (
      <AuthLayout title={t('recover.title')} intro={t('recover.intro')} vaultDir={vaultDir}>
        <RecoverForm initialUserName={lastUserName} onRecovered={onRecovered} onBack={() => setView('unlock')} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('unlock.title')} intro={t('unlock.intro')} vaultDir={vaultDir}>
      {notice ? (
        <Notice tone="info" testId="lock-notice">
          <NoticeText notice={notice} />
        </Notice>
      ) : null}
      <UnlockForm initialUserName={lastUserName} retryAfterSeconds={retryAfterSeconds} onUnlocked={onUnlocked} onForgot={() => setView('recover')} />
    </AuthLayout>
  );
}
