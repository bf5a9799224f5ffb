/** Administrators manage who may open the vault, and with which role. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader, Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { useSession } from '../../session/session-context';
import { AddUserForm } from './add-user-form';
import { UsersTable } from './users-table';

export function UsersScreen(): ReactNode {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const users = useApiData('users.list', {});
  const disable = useApiAction('users.disable');
  const [toDisable, setToDisable] = useState<User | null>(null);

  async function confirmDisable(): Promise<void> {
    if (!toDisable) return;
    const result = await disable.run({ userId: toDisable.id });
    setToDisable(null);
    if (result.ok) users.reload();
  }

  const active = users.data?.filter((user) => user.status === 'active').length ?? 0;
  return (
    <div className="page">
      <PageHeader title={t('users.title')}>
        {users.data ? <span className="count">{t('users.count', { count: users.data.length, active })}</span> : null}
      </PageHeader>
      <div className="two-columns">
        <div className="column-main">
          <ErrorAlert error={users.error} />
          <ErrorAlert error={disable.error} overrides={{ CONFLICT: t('users.disableConflict') }} />
          {users.data ? <UsersTable users={users.data} currentUserId={me.id} onDisable={setToDisable} /> : <p className="muted">{t('common.loading')}</p>}
        </div>
        <div className="column-side">
          <Section title={t('users.add.title')} id="add-user">
            <AddUserForm onAdded={() => users.reload()} />
          </Section>
        </div>
      </div>
      <ConfirmDialog
        open={toDisable !== null}
        title={t('users.disableDialog.title', { name: toDisable?.name ?? '' })}
        confirmLabel={t('users.disableDialog.confirm')}
        danger
        busy={disable.busy}
        onConfirm={() => void confirmDisable()}
        onCancel={() => setToDisable(null)}
      >
        <p>{t('users.disableDialog.text')}</p>
      </ConfirmDialog>
    </div>
  );
}
