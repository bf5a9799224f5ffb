import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../../../main/api/contract';
import { formatDate, formatDateTime, shortHash } from '../../lib/format';

interface Props {
  readonly users: readonly User[];
  readonly currentUserId: number;
  readonly onDisable: (user: User) => void;
  readonly onChangeRole: (user: User, role: Role) => void;
  readonly onResetPassphrase: (user: User) => void;
}

export function UsersTable({ users, currentUserId, onDisable, onChangeRole, onResetPassphrase }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="users-table">
        <caption className="visually-hidden">{t('users.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.columns.name')}</th>
            <th scope="col">{t('users.columns.role')}</th>
            <th scope="col">{t('users.columns.status')}</th>
            <th scope="col">{t('users.columns.created')}</th>
            <th scope="col">{t('users.columns.lastUnlock')}</th>
            <th scope="col">{t('users.columns.signingKey')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.status === 'disabled' ? 'row-muted' : undefined}>
              <th scope="row">
                {user.name}
                {user.id === currentUserId ? <span className="tag">{t('users.you')}</span> : null}
              </th>
              <td>
                {user.status === 'active' && user.id !== currentUserId ? (
                  <select
                    className="select select-small"
                    aria-label={t('users.roleOf', { name: user.name })}
                    value={user.role}
                    onChange={(event) => onChangeRole(user, event.target.value as Role)}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className={`role-badge role-${user.role}`}>{t(`roles.${user.role}`)}</span>
                )}
              </td>
              <td>
                <span className={`status-dot status-${user.status}`}>{t(`users.status.${user.status}`)}</span>
              </td>
              <td>{formatDate(user.createdAt, i18n.language)}</td>
              <td>
                {user.lastUnlockAt ? formatDateTime(user.lastUnlockAt, i18n.language) : <span className="muted">{t('users.neverUnlocked')}</span>}
                {user.mustChangePassphrase ? <span className="tag">{t('users.oneTimePending')}</span> : null}
              </td>
              <td>
                {user.signingKeyFingerprint ? (
                  <code title={user.signingKeyFingerprint}>{shortHash(user.signingKeyFingerprint, 16)}</code>
                ) : (
                  <span className="muted">{t('users.noSigningKey')}</span>
                )}
              </td>
              <td className="cell-actions">
                {user.status === 'active' && user.id !== currentUserId ? (
                  <div className="stacked-actions">
                    <button type="button" className="button button-small" onClick={() => onResetPassphrase(user)}>
                      {t('users.resetPassphrase')}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => onDisable(user)}>
                      {t('users.disable')}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
