/** Administrators manage who may open the vault, and with which role. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader, Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { useSession } from '../../session/session-context';
import { AddUserForm } from './add-user-form';
import { OneTimePassphrase } from './one-time-passphrase';
import { UsersTable } from './users-table';

export function UsersScreen(): ReactNode {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const users = useApiData('users.list', {});
  const disable = useApiAction('users.disable');
  const [toDisable, setToDisable] = useState<User | null>(null);
  const changeRole = useApiAction('users.changeRole');
  const [roleChange, setRoleChange] = useState<{ user: User; role: Role } | null>(null);
  const reset = useApiAction('users.resetPassphrase');
  const [toReset, setToReset] = useState<User | null>(null);
  const [issued, setIssued] = useState<{ name: string; passphrase: string } | null>(null);

  async function confirmRoleChange(): Promise<void> {
    if (!roleChange) return;
    await changeRole.run({ userId: roleChange.user.id, role: roleChange.role });
    setRoleChange(null);
    // Reloaded either way: a refused change puts the select back to the stored role.
    users.reload();
  }

  async function confirmReset(): Promise<void> {
    if (!toReset) return;
    const result = await reset.run({ userId: toReset.id });
    setToReset(null);
    if (result.ok) {
      setIssued({ name: result.value.user.name, passphrase: result.value.oneTimePassphrase });
      users.reload();
    }
  }

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
      <div className="two-columns users-columns">
        <div className="column-main">
          <ErrorAlert error={users.error} />
          <ErrorAlert error={disable.error} overrides={{ CONFLICT: t('users.disableConflict') }} />
          <ErrorAlert error={changeRole.error} />
          <ErrorAlert error={reset.error} />
          {issued ? <OneTimePassphrase name={issued.name} passphrase={issued.passphrase} onDone={() => setIssued(null)} /> : null}
          {users.data ? (
            <UsersTable
              users={users.data}
              currentUserId={me.id}
              onDisable={setToDisable}
              onChangeRole={(user, role) => setRoleChange({ user, role })}
              onResetPassphrase={setToReset}
            />
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
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
      <ConfirmDialog
        open={roleChange !== null}
        title={t('users.roleDialog.title', { name: roleChange?.user.name ?? '' })}
        confirmLabel={t('users.roleDialog.confirm')}
        busy={changeRole.busy}
        onConfirm={() => void confirmRoleChange()}
        onCancel={() => setRoleChange(null)}
      >
        <p>
          {t('users.roleDialog.text', {
            from: roleChange ? t(`roles.${roleChange.user.role}`) : '',
            to: roleChange ? t(`roles.${roleChange.role}`) : '',
          })}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={toReset !== null}
        title={t('users.resetDialog.title', { name: toReset?.name ?? '' })}
        confirmLabel={t('users.resetDialog.confirm')}
        danger
        busy={reset.busy}
        onConfirm={() => void confirmReset()}
        onCancel={() => setToReset(null)}
      >
        <p>{t('users.resetDialog.text')}</p>
      </ConfirmDialog>
    </div>
  );
}
