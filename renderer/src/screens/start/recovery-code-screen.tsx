import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/auth-layout';
import { RecoveryCodePanel } from '../../components/recovery-code-panel';

export type RevealReason = 'created' | 'recovered';

export function RecoveryCodeScreen({
  code,
  reason,
  vaultDir,
  onDone,
}: {
  readonly code: string;
  readonly reason: RevealReason;
  readonly vaultDir: string;
  readonly onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t(`recoveryCode.title.${reason}`)} intro={t(`recoveryCode.intro.${reason}`)} vaultDir={vaultDir} wide>
      <RecoveryCodePanel code={code} onDone={onDone} />
    </AuthLayout>
  );
}
