/**
 * The Partners screen: who data goes to, the leases it goes under, the extracts that leave (previewed,
 * then produced), their schedules, and the register of every extract. Administrators keep partners,
 * agreements and schedules; stewards run extracts; auditors read everything and run nothing.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import type { AreaFocus, PartnersView } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { AgreementsPanel } from './agreements-panel';
import { ExtractPanel } from './extract-panel';
import { PartnersPanel } from './partners-panel';
import { RegisterPanel } from './register-panel';
import { SchedulesPanel } from './schedules-panel';

export function PartnersScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const isAdmin = hasRole(user, 'administrator');
  const canExtract = hasRole(user, 'administrator', 'steward');
  const [tab, setTab] = useState<PartnersView>(focus?.partnersView === 'extract' && !canExtract ? 'agreements' : (focus?.partnersView ?? 'partners'));
  // Bumped by the panel that changed something, so the other panels (mounted behind their tabs) read again;
  // the panel that made the change keeps its state (an opened agreement, a produced extract's entry).
  const [partners, setPartners] = useState(0);
  const [leases, setLeases] = useState(0);
  const [extracts, setExtracts] = useState(0);
  const bump = (set: (update: (value: number) => number) => void) => () => set((value) => value + 1);

  return (
    <div className="page page-wide stack" data-testid="partners-screen">
      <PageHeader title={t('partners.screens.title')} />
      <p className="lead">{t('partners.screens.intro')}</p>
      <Tabs
        label={t('partners.screens.title')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            key: 'partners',
            label: t('partners.screens.tabs.partners'),
            content: <PartnersPanel key={leases} canEdit={isAdmin} onChanged={bump(setPartners)} />,
          },
          {
            key: 'agreements',
            label: t('partners.screens.tabs.agreements'),
            content: <AgreementsPanel key={`${String(partners)}-${String(extracts)}`} canEdit={isAdmin} onChanged={bump(setLeases)} />,
          },
          // Auditors read what left; producing an extract is not theirs.
          ...(canExtract
            ? [
                {
                  key: 'extract' as const,
                  label: t('partners.screens.tabs.extract'),
                  content: <ExtractPanel key={`${String(partners)}-${String(leases)}`} onProduced={bump(setExtracts)} />,
                },
              ]
            : []),
          { key: 'schedules', label: t('partners.screens.tabs.schedules'), content: <SchedulesPanel key={leases} canEdit={isAdmin} /> },
          { key: 'register', label: t('partners.screens.tabs.register'), content: <RegisterPanel key={extracts} /> },
        ]}
      />
    </div>
  );
}
