/**
 * The Retention screen: who is past their date (stewards and administrators: it names people), the rules
 * that set the dates, and the sweeps that anonymize what is due. Auditors read the rules and the sweeps,
 * which name no one; administrators keep the rules; stewards preview, approve and run sweeps.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import type { AreaFocus, Navigate, RetentionView } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { DuePanel } from './due-panel';
import { RulesPanel } from './rules-panel';
import { SweepsPanel } from './sweeps-panel';

export function RetentionScreen({ focus, onNavigate }: { readonly focus?: AreaFocus | undefined; readonly onNavigate: Navigate }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const isAdmin = hasRole(user, 'administrator');
  const canAct = hasRole(user, 'administrator', 'steward');
  const asked = focus?.retentionView ?? (canAct ? 'due' : 'rules');
  const [tab, setTab] = useState<RetentionView>(asked === 'due' && !canAct ? 'rules' : asked);
  // A rule changed or a sweep ran: the due list (mounted behind its tab) reads again.
  const [changes, setChanges] = useState(0);
  const changed = useCallback((): void => setChanges((value) => value + 1), []);

  return (
    <div className="page page-wide stack" data-testid="retention-screen">
      <PageHeader title={t('retention.title')} />
      <p className="lead">{t('retention.screen.intro')}</p>
      <Tabs
        label={t('retention.title')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          // The due list names people: not the auditors'.
          ...(canAct
            ? [
                {
                  key: 'due' as const,
                  label: t('retention.screen.tabs.due'),
                  content: (
                    <DuePanel
                      key={changes}
                      isAdmin={isAdmin}
                      initialAction={focus?.retentionAction}
                      onOpenPerson={(profileId) => onNavigate('profiles', { profileId })}
                    />
                  ),
                },
              ]
            : []),
          { key: 'rules', label: t('retention.screen.tabs.rules'), content: <RulesPanel canEdit={isAdmin} onChanged={changed} /> },
          {
            key: 'sweeps',
            label: t('retention.screen.tabs.sweeps'),
            content: <SweepsPanel canAct={canAct} onSwept={changed} onOpenCertificates={() => onNavigate('erasure', { erasureView: 'certificates' })} />,
          },
        ]}
      />
    </div>
  );
}
