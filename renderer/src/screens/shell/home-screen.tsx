/**
 * The landing page: what needs attention first, each tile leading to where it is put right; then the
 * role's areas, the vault in figures (counts only, so every role), and for stewards and administrators
 * how many people it holds and the last import. No button leads nowhere.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../lib/format';
import { areasFor, type Navigate } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { RunStatus } from '../sources/run-status';
import { AttentionPanel } from '../home/attention-panel';
import { HomeCharts } from '../home/home-charts';

function VaultAtAGlance(): ReactNode {
  const { t, i18n } = useTranslation();
  const count = useApiData('profiles.count', {});
  const runs = useApiData('import.runs', { limit: 1 });
  const last = runs.data?.[0];
  const language = i18n.language;
  return (
    <>
      {count.data ? (
        <div>
          <dt>{t('home.people')}</dt>
          <dd data-testid="home-people">{formatNumber(count.data.profiles, language)}</dd>
        </div>
      ) : null}
      {runs.data ? (
        <div>
          <dt>{t('home.lastImport')}</dt>
          <dd data-testid="home-last-import">
            {last ? (
              <>
                {t('home.lastImportValue', { source: last.sourceName, date: formatDateTime(last.startedAt, language) })} <RunStatus run={last} />
              </>
            ) : (
              t('home.noImport')
            )}
          </dd>
        </div>
      ) : null}
    </>
  );
}

export function HomeScreen({ onNavigate }: { readonly onNavigate: Navigate }): ReactNode {
  const { t } = useTranslation();
  const { user, status } = useSession();
  const shortcuts = areasFor(user.role).filter((area) => area !== 'home');
  return (
    <div className="page">
      <PageHeader title={t('home.title', { name: user.name })} />
      <p className="lead">{t(`home.roleIntro.${user.role}`)}</p>
      <AttentionPanel onNavigate={onNavigate} />
      <h2 className="visually-hidden">{t('home.areasTitle')}</h2>
      <div className="tiles">
        {shortcuts.map((area) => (
          <button key={area} type="button" className="tile" onClick={() => onNavigate(area)}>
            <span className="tile-title">{t(`shell.areas.${area}`)}</span>
            <span className="tile-text">{t(user.role === 'auditor' && (area === 'sources' || area === 'requests') ? `home.tiles.${area}Auditor` : `home.tiles.${area}`)}</span>
          </button>
        ))}
      </div>
      <HomeCharts />
      <dl className="facts">
        {hasRole(user, 'administrator', 'steward') ? <VaultAtAGlance /> : null}
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
