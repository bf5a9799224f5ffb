/**
 * The landing page. It says honestly what works today for this role and what is still to come, and
 * offers no button that leads nowhere.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { areasFor, type Area } from '../../session/areas';
import { useSession } from '../../session/session-context';

export function HomeScreen({ onNavigate }: { readonly onNavigate: (area: Area) => void }): ReactNode {
  const { t } = useTranslation();
  const { user, status } = useSession();
  const shortcuts = areasFor(user.role).filter((area) => area !== 'home');
  return (
    <div className="page">
      <PageHeader title={t('home.title', { name: user.name })} />
      <p className="lead">{t(`home.roleIntro.${user.role}`)}</p>
      <div className="tiles">
        {shortcuts.map((area) => (
          <button key={area} type="button" className="tile" onClick={() => onNavigate(area)}>
            <span className="tile-title">{t(`shell.areas.${area}`)}</span>
            <span className="tile-text">{t(`home.tiles.${area}`)}</span>
          </button>
        ))}
      </div>
      <section className="card muted-card" aria-labelledby="home-next-title">
        <h2 className="card-title" id="home-next-title">
          {t('home.nextTitle')}
        </h2>
        <p className="card-description">{t('home.nextText')}</p>
      </section>
      <dl className="facts">
        <div>
          <dt>{t('home.vaultFolder')}</dt>
          <dd>
            <code>{status.vaultDir}</code>
          </dd>
        </div>
        {status.idleLockMinutes ? (
          <div>
            <dt>{t('home.idleLock')}</dt>
            <dd>{t('home.idleLockValue', { count: status.idleLockMinutes })}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
