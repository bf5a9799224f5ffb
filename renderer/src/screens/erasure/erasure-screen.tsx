/**
 * The Erasure screen: the certificates that prove each erasure (and each one's detail), and the legal
 * holds that stop or limit erasures. Erasing itself starts from a person's page or an erasure request,
 * where the person is in view; this screen is where the proof is kept and read, auditors included.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import type { AreaFocus } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { CertificatesList } from './certificates-list';
import { CertificateView } from './certificate-view';
import { HoldsPanel } from './holds-panel';

type Tab = 'certificates' | 'holds';

export function ErasureScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const canErase = hasRole(user, 'administrator', 'steward');
  const [tab, setTab] = useState<Tab>(focus?.erasureView ?? 'certificates');
  const [opened, setOpened] = useState<number | null>(focus?.certificateId ?? null);

  return (
    <div className="page page-wide stack" data-testid="erasure-screen">
      <PageHeader title={t('erasure.screen.title')} />
      <p className="lead">{t('erasure.screen.intro')}</p>
      <Tabs
        label={t('erasure.screen.title')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            key: 'certificates',
            label: t('erasure.screen.certificatesTab'),
            // The list stays mounted behind a certificate, so Back returns to the page it was on.
            content: (
              <>
                {opened !== null ? <CertificateView key={opened} id={opened} canErase={canErase} onBack={() => setOpened(null)} /> : null}
                <div hidden={opened !== null}>
                  <CertificatesList onOpen={setOpened} />
                </div>
              </>
            ),
          },
          { key: 'holds', label: t('erasure.screen.holdsTab'), content: <HoldsPanel canAct={canErase} /> },
        ]}
      />
    </div>
  );
}
