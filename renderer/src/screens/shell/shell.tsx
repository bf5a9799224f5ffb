/** The unlocked app: header, navigation limited to the role's areas, and the current area. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useIdleTouch } from '../../hooks/use-idle-touch';
import { useLockShortcut } from '../../hooks/use-lock-shortcut';
import { areasFor, type Area } from '../../session/areas';
import { useSession } from '../../session/session-context';
import { AuditScreen } from '../audit/audit-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { UsersScreen } from '../users/users-screen';
import { AppHeader } from './app-header';
import { HomeScreen } from './home-screen';
import { SideNav } from './side-nav';

function AreaContent({ area, onNavigate }: { readonly area: Area; readonly onNavigate: (area: Area) => void }): ReactNode {
  switch (area) {
    case 'home':
      return <HomeScreen onNavigate={onNavigate} />;
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

  const navigate = (next: Area): void => {
    navigated.current = true;
    setArea(next);
  };

  return (
    <div className="shell">
      <AppHeader locking={locking} onLock={doLock} />
      <div className="shell-body">
        <SideNav areas={areas} current={area} onSelect={navigate} />
        <main className="content" ref={main} tabIndex={-1}>
          <AreaContent area={areas.includes(area) ? area : 'home'} onNavigate={navigate} />
        </main>
      </div>
    </div>
  );
}
