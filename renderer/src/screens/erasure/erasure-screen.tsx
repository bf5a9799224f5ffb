/**
 * The Erasure screen: the certificates that prove each erasure (and each one's detail), the legal holds
 * that stop or limit erasures, and (administrators and stewards) the verified erasure requests waiting,
 * erased many at once. One person is erased from their page or their request, where they are in view;
 * this screen is where the proof is kept and read, auditors included.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import type { AreaFocus } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { BulkErasurePanel } from './bulk-panel';
import { CertificatesList } from './certificates-list';
import { CertificateView } from './certificate-view';
import { HoldsPanel } from './holds-panel';

type Tab = 'certificates' | 'holds' | 'waiting';

export function ErasureScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const canErase = hasRole(user, 'administrator', 'steward');
  const [tab, setTab] = useState<Tab>(focus?.erasureView ?? 'certificates');
  const [opened, setOpened] = useState<number | null>(focus?.certificateId ?? null);
  // Bumped after a bulk erasure: the certificates list (mounted behind its tab) reads again.
  const [erasures, setErasures] = useState(0);
  const onErased = useCallback(() => setErasures((value) => value + 1), []);
  // Leaving the waiting requests for the certificates by a button: focus goes to the tab now selected,
  // not to the body (the button that had it is hidden with its panel).
  const screen = useRef<HTMLDivElement>(null);
  const focusTab = useRef(false);
  useEffect(() => {
    if (!focusTab.current) return;
    focusTab.current = false;
    screen.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [tab]);

  return (
    <div ref={screen} className="page page-wide stack" data-testid="erasure-screen">
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
                  <CertificatesList key={erasures} onOpen={setOpened} />
                </div>
              </>
            ),
          },
          { key: 'holds', label: t('erasure.screen.holdsTab'), content: <HoldsPanel canAct={canErase} /> },
          // Auditors read the proof; erasing is not theirs, so the waiting requests are not shown to them.
          ...(canErase
            ? [
                {
                  key: 'waiting' as const,
                  label: t('erasure.screen.waitingTab'),
                  content: (
                    <BulkErasurePanel
                      onErased={onErased}
                      onOpenCertificates={() => {
                        setOpened(null);
                        setTab('certificates');
                        focusTab.current = true;
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
