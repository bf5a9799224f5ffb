import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../components/logo';
import { useSession } from '../../session/session-context';

const isMac = /mac/i.test(navigator.userAgent);

export function AppHeader({ locking, onLock }: { readonly locking: boolean; readonly onLock: () => void }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const shortcut = isMac ? '⌘L' : 'Ctrl+L';
  return (
    <header className="app-header">
      <div className="app-brand">
        <Logo size={24} />
        <span className="brand-name">Custodia</span>
      </div>
      <div className="app-header-right">
        <div className="who" data-testid="current-user">
          <span className="who-name">{user.name}</span>
          <span className={`role-badge role-${user.role}`}>{t(`roles.${user.role}`)}</span>
        </div>
        <button
          type="button"
          className="button button-small"
          onClick={onLock}
          disabled={locking}
          aria-keyshortcuts={isMac ? 'Meta+L' : 'Control+L'}
          title={t('shell.lockTitle', { shortcut })}
        >
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3.5 7h9v7h-9z" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          {t('shell.lock')}
          <kbd>{shortcut}</kbd>
        </button>
      </div>
    </header>
  );
}
