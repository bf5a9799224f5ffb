/** The unlocked app: header, navigation limited to the role's areas, and the current area. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useIdleTouch } from '../../hooks/use-idle-touch';
import { useLockShortcut } from '../../hooks/use-lock-shortcut';
import { usePreventFileNavigation } from '../../hooks/use-window-file-drop';
import { areasFor, type Area } from '../../session/areas';
import { useSession } from '../../session/session-context';
import { AuditScreen } from '../audit/audit-screen';
import { ImportScreen } from '../import/import-screen';
import { ProfilesScreen } from '../profiles/profiles-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { SourcesScreen } from '../sources/sources-screen';
import { UsersScreen } from '../users/users-screen';
import { AppHeader } from './app-header';
import { HomeScreen } from './home-screen';
import { SideNav } from './side-nav';

function AreaContent({ area, onNavigate }: { readonly area: Area; readonly onNavigate: (area: Area) => void }): ReactNode {
  switch (area) {
    case 'home':
      return <HomeScreen onNavigate={onNavigate} />;
    case 'import':
      // Rendered by the shell itself, which keeps it alive between visits.
      return null;
    case 'profiles':
      return <ProfilesScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'users':
      return <UsersScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function Shell(): ReactNode {
  const { user, lock } = useSession();
  const areas = areasFor(user.role);
  const [area, setArea] = useState<Area>('home');
  const [locking, setLocking] = useState(false);
  const main = useRef<HTMLElement>(null);
  const navigated = useRef(false);
  // The import wizard stays mounted once opened: a running import and a half-made mapping survive a
  // look at another area.
  const [importOpened, setImportOpened] = useState(false);

  const doLock = useCallback(() => {
    setLocking(true);
    void lock().finally(() => setLocking(false));
  }, [lock]);

  useIdleTouch(true);
  useLockShortcut(doLock);
  usePreventFileNavigation();

  // Moving focus to the new area tells keyboard and screen-reader users that the page changed.
  useEffect(() => {
    if (navigated.current) main.current?.focus();
  }, [area]);

  const navigate = (next: Area): void => {
    navigated.current = true;
    setArea(next);
    if (next === 'import') setImportOpened(true);
  };

  const shown = areas.includes(area) ? area : 'home';

  return (
    <div className="shell">
      <AppHeader locking={locking} onLock={doLock} />
      <div className="shell-body">
        <SideNav areas={areas} current={area} onSelect={navigate} />
        <main className="content" ref={main} tabIndex={-1}>
          <AreaContent area={shown} onNavigate={navigate} />
          {importOpened && areas.includes('import') ? (
            <div hidden={shown !== 'import'}>
              <ImportScreen active={shown === 'import'} onNavigate={navigate} />
            </div>
          ) : null}
        </main>
      </div>
    </div>
  );
}
