/**
 * One erasure certificate, everything it proves: who erased whom and why, every count, what statistics
 * kept, the records kept under a legal obligation, the suppression list, the verification scan, the
 * backups that still hold the person, the hash; its PDF; and, for erasers, a new verification.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasureCertificate } from '../../../../main/api/contract';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatDateTime } from '../../lib/format';
import { BackupsWarning, GeneralizedText, KeptList, RemovedTable, ScanView } from './erasure-facts';
import { ErasureErrorAlert } from './erasure-error';
import { PdfDownload } from './pdf-download';
import { RecipientsView } from './recipients-view';
import { useSourceNames } from './use-source-names';

function Facts({ certificate }: { readonly certificate: ErasureCertificate }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows: [string, string][] = [
    [t('erasure.certificate.fields.certificate'), t('erasure.screen.certificateNumber', { id: certificate.id })],
    [t('erasure.certificate.fields.profile'), t('erasure.screen.profileNumber', { id: certificate.profileId })],
    [
      t('erasure.certificate.fields.request'),
      certificate.requestId === null ? t('erasure.screen.noRequest') : t('erasure.screen.requestNumber', { id: certificate.requestId }),
    ],
    [t('erasure.certificate.fields.reason'), t(`erasure.reasons.${certificate.reason}`)],
    [t('erasure.certificate.fields.erasedAt'), formatDateTime(certificate.erasedAt, language)],
    [t('erasure.certificate.fields.erasedBy'), certificate.erasedBy],
    [t('erasure.certificate.fields.k'), String(certificate.k)],
  ];
  return (
    <dl className="facts" data-testid="erasure-certificate-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Checks the erasure again: the tombstone still empty, the hash still recomputing, the audit agreeing. */
function VerifyAgain({ profileId, onDone }: { readonly profileId: number; readonly onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const job = useJob('erasure.verify');
  const result = job.state.kind === 'completed' ? job.state.value : null;
  const answer = (value: boolean | null): string => (value === null ? '–' : value ? t('erasure.certificate.yes') : t('erasure.certificate.no'));
  return (
    <div className="stack">
      <div>
        <button
          type="button"
          className="button"
          disabled={job.running}
          onClick={() =>
            void job.start({ profileId }).then(() => {
              onDone();
            })
          }
        >
          {t('erasure.verify.run')}
        </button>
      </div>
      <JobStatus job={job} label={t('erasure.verify.running')} />
      {result !== null ? (
        <dl
          className="facts compact"
          data-testid="erasure-verification"
          data-hash-matches={String(result.hashMatches)}
          data-audit-matches={String(result.auditMatches)}
        >
          <div>
            <dt>{t('erasure.verify.hashMatches')}</dt>
            <dd>{answer(result.hashMatches)}</dd>
          </div>
          <div>
            <dt>{t('erasure.verify.auditMatches')}</dt>
            <dd>{answer(result.auditMatches)}</dd>
          </div>
          <div>
            <dt>{t('erasure.verify.tombstoneEmpty')}</dt>
            <dd>{answer(result.tombstoneEmpty)}</dd>
          </div>
          <div>
            <dt>{t('erasure.certificate.scanHeading')}</dt>
            <dd>
              {result.scan === null
                ? t('erasure.certificate.notScanned')
                : result.scan.clean
                  ? t('erasure.certificate.scan.clean')
                  : t('erasure.facts.notClean')}
            </dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}

export function CertificateView({ id, canErase, onBack }: { readonly id: number; readonly canErase: boolean; readonly onBack: () => void }): ReactNode {
  const { t } = useTranslation();
  const loaded = useApiData('erasure.certificate', { id });
  const heading = useRef<HTMLHeadingElement>(null);
  const sourceNames = useSourceNames();
  const certificate = loaded.data;

  useEffect(() => {
    if (certificate) heading.current?.focus();
  }, [certificate]);

  return (
    <div className="stack" data-testid="erasure-certificate" data-id={id}>
      <div>
        <button type="button" className="link-button" onClick={onBack}>
          {t('erasure.screen.backToList')}
        </button>
      </div>
      <ErasureErrorAlert error={loaded.error} />
      {certificate === null ? (
        loaded.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {t('erasure.certificate.title', { id: certificate.id })}
          </h2>
          <Section title={t('erasure.screen.summaryHeading')} id="erasure-certificate-summary">
            <Facts certificate={certificate} />
            <PdfDownload certificateId={certificate.id} />
          </Section>
          <Section title={t('erasure.certificate.removedHeading')} id="erasure-certificate-removed">
            <RemovedTable removed={certificate.removed} caption={t('erasure.certificate.removedHeading')} />
          </Section>
          <Section title={t('erasure.certificate.generalizedHeading')} id="erasure-certificate-generalized">
            <GeneralizedText generalized={certificate.generalized} k={certificate.k} />
          </Section>
          <Section title={t('erasure.certificate.keptHeading')} id="erasure-certificate-kept">
            <KeptList kept={certificate.kept} names={sourceNames} />
          </Section>
          <Section title={t('erasure.certificate.recipientsHeading')} id="erasure-certificate-recipients">
            <RecipientsView
              recipients={certificate.recipients}
              letter={(agreementId) => <PdfDownload certificateId={certificate.id} agreementId={agreementId} />}
            />
          </Section>
          <Section title={t('erasure.certificate.suppressionHeading')} id="erasure-certificate-suppression">
            <p data-testid="erasure-suppression" data-count={certificate.suppressionEntries}>
              {t('erasure.certificate.suppression', { count: certificate.suppressionEntries })}
            </p>
          </Section>
          <Section title={t('erasure.certificate.scanHeading')} id="erasure-certificate-scan">
            <ScanView scan={certificate.scan} scannedAt={certificate.scannedAt} />
            {canErase ? <VerifyAgain profileId={certificate.profileId} onDone={loaded.reload} /> : null}
          </Section>
          <Section title={t('erasure.certificate.backupsHeading')} id="erasure-certificate-backups">
            <BackupsWarning backups={certificate.backups} before="certificate" />
          </Section>
          <Section title={t('erasure.certificate.hashHeading')} id="erasure-certificate-hash">
            <p>
              <code className="hash" data-testid="erasure-certificate-hash">
                {certificate.hash}
              </code>
            </p>
          </Section>
        </>
      )}
    </div>
  );
}
