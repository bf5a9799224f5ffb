/**
 * The unlocked app: header, navigation limited to the role's areas, and the current area. A file dropped
 * anywhere on the window opens the import wizard with it, from whichever area is shown (the wizard takes
 * drops itself while it is shown); a role that may not import is told so instead.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdleTouch } from '../../hooks/use-idle-touch';
import { useLockShortcut } from '../../hooks/use-lock-shortcut';
import { usePreventFileNavigation, useWindowFileDrop } from '../../hooks/use-window-file-drop';
import { areasFor, type Area, type AreaFocus, type Navigate } from '../../session/areas';
import type { VaultStatus } from '../../../../main/api/contract';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../session/session-context';
import { AuditScreen } from '../audit/audit-screen';
import { ConsentReviewScreen } from '../consent/review-screen';
import { DropOverlay } from '../import/file-step';
import { ErasureScreen } from '../erasure/erasure-screen';
import { IdentityScreen } from '../identity/identity-screen';
import { ImportScreen, type DroppedFile } from '../import/import-screen';
import { PartnersScreen } from '../partners/partners-screen';
import { ProfilesScreen } from '../profiles/profiles-screen';
import { QualityScreen } from '../quality/quality-screen';
import { RetentionScreen } from '../retention/retention-screen';
import { RequestsScreen } from '../requests/requests-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { SourcesScreen } from '../sources/sources-screen';
import { UsersScreen } from '../users/users-screen';
import { AppHeader } from './app-header';
import { HomeScreen } from './home-screen';
import { SideNav } from './side-nav';
import { PurposeCatalogProvider } from '../../session/purpose-catalog-provider';

interface Focused {
  /** Tells one navigation from the next: the same focus asked twice opens the area afresh. */
  readonly id: number;
  readonly focus: AreaFocus | undefined;
}

function AreaContent({ area, focused, onNavigate }: { readonly area: Area; readonly focused: Focused; readonly onNavigate: Navigate }): ReactNode {
  switch (area) {
    case 'home':
      return <HomeScreen onNavigate={onNavigate} />;
    case 'import':
      // Rendered by the shell itself, which keeps it alive between visits.
      return null;
    case 'profiles':
      return <ProfilesScreen key={focused.id} onNavigate={onNavigate} focus={focused.focus} />;
    case 'consent':
      return <ConsentReviewScreen key={focused.id} focus={focused.focus} onNavigate={onNavigate} />;
    case 'identity':
      return <IdentityScreen key={focused.id} focus={focused.focus} />;
    case 'requests':
      return <RequestsScreen key={focused.id} onNavigate={onNavigate} />;
    case 'erasure':
      return <ErasureScreen key={focused.id} focus={focused.focus} />;
    case 'partners':
      return <PartnersScreen key={focused.id} focus={focused.focus} />;
    case 'retention':
      return <RetentionScreen key={focused.id} focus={focused.focus} onNavigate={onNavigate} />;
    case 'quality':
      return <QualityScreen key={focused.id} focus={focused.focus} />;
    case 'sources':
      return <SourcesScreen key={focused.id} focus={focused.focus} />;
    case 'audit':
      return <AuditScreen />;
    case 'users':
      return <UsersScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** Writing stopped because a page of vault.db failed its check: what to do, on every screen until the vault is locked. */
function DamageBanner({ damage }: { readonly damage: NonNullable<VaultStatus['damage']> }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <div className="page" style={{ marginBottom: 18 }}>
      <div className="alert alert-error" role="alert" data-testid="vault-damaged">
        <strong>{t('shell.damaged.title')}</strong> {t('shell.damaged.text', { problems: damage.problems })}{' '}
        {damage.lastBackupAt ? t('shell.damaged.lastBackup', { date: formatDateTime(damage.lastBackupAt, i18n.language) }) : t('shell.damaged.noBackup')}
      </div>
    </div>
  );
}

/** Shown while a file is dragged over the window of a role that may not import it. */
function RefusedDropOverlay({ visible }: { readonly visible: boolean }): ReactNode {
  const { t } = useTranslation();
  if (!visible) return null;
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-overlay-box">{t('shell.dropRefused')}</div>
    </div>
  );
}

export function Shell(): ReactNode {
  const { t } = useTranslation();
  const { user, lock, status } = useSession();
  const areas = areasFor(user.role);
  const canImport = areas.includes('import');
  const [area, setArea] = useState<Area>('home');
  const [focused, setFocused] = useState<Focused>({ id: 0, focus: undefined });
  const [locking, setLocking] = useState(false);
  const main = useRef<HTMLElement>(null);
  const navigated = useRef(false);
  // The import wizard stays mounted once opened: a running import and a half-made mapping survive a
  // look at another area.
  const [importOpened, setImportOpened] = useState(false);
  const [dropped, setDropped] = useState<DroppedFile | null>(null);
  const [refusedDrop, setRefusedDrop] = useState<string | null>(null);
  const dropCount = useRef(0);

  const doLock = useCallback(() => {
    setLocking(true);
    void lock().finally(() => setLocking(false));
  }, [lock]);

  useIdleTouch(true);
  useLockShortcut(doLock);

  // Moving focus to the new area tells keyboard and screen-reader users that the page changed.
  useEffect(() => {
    if (navigated.current) main.current?.focus();
  }, [area]);

  const navigate: Navigate = (next, focus) => {
    navigated.current = true;
    setArea(next);
    setFocused((previous) => ({ id: previous.id + 1, focus }));
    setRefusedDrop(null);
    if (next === 'import') setImportOpened(true);
  };

  const shown = areas.includes(area) ? area : 'home';

  // The wizard takes files dropped while it is shown; anywhere else, the shell hands them over to it.
  const { dragging } = useWindowFileDrop(shown !== 'import', (file) => {
    if (!canImport) {
      setRefusedDrop(file.name);
      return;
    }
    dropCount.current += 1;
    setDropped({ id: dropCount.current, file });
    navigate('import');
  });
  // After the drop listeners above, so that they see a drop before it is refused.
  usePreventFileNavigation();

  return (
    <PurposeCatalogProvider>
      <div className="shell">
        <AppHeader locking={locking} onLock={doLock} />
        <div className="shell-body">
          <SideNav areas={areas} current={area} onSelect={navigate} />
          <main className="content" ref={main} tabIndex={-1}>
            {status.damage ? <DamageBanner damage={status.damage} /> : null}
            {refusedDrop !== null ? (
              <div className="page" style={{ marginBottom: 18 }}>
                <div className="alert alert-warning" role="alert" data-testid="drop-refused">
                  {t('shell.dropRefusedNotice', { role: t(`roles.${user.role}`), file: refusedDrop })}{' '}
                  <button type="button" className="button button-small" onClick={() => setRefusedDrop(null)}>
                    {t('shell.dismiss')}
                  </button>
                </div>
              </div>
            ) : null}
            <AreaContent area={shown} focused={focused} onNavigate={navigate} />
            {importOpened && canImport ? (
              <div hidden={shown !== 'import'}>
                <ImportScreen active={shown === 'import'} dropped={dropped} onNavigate={navigate} />
              </div>
            ) : null}
          </main>
        </div>
        {canImport ? <DropOverlay visible={dragging} /> : <RefusedDropOverlay visible={dragging} />}
      </div>
    </PurposeCatalogProvider>
  );
}
