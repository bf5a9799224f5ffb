/** The register of erasure certificates, newest first, a page at a time; opening one shows all it proves. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../../main/api/contract';
import { Pager } from '../../components/pager';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ErasureErrorAlert } from './erasure-error';
import { ErasuresChart } from './erasures-chart';

const PAGE_SIZE = 50;

function CleanCell({ clean }: { readonly clean: boolean | null }): ReactNode {
  const { t } = useTranslation();
  if (clean === null) return <span className="muted">{t('erasure.screen.notScanned')}</span>;
  return <span className={`badge ${clean ? 'badge-ok' : 'badge-overdue'}`}>{clean ? t('erasure.certificate.yes') : t('erasure.certificate.no')}</span>;
}

function CertificatesTable({
  certificates,
  onOpen,
}: {
  readonly certificates: readonly CertificateSummary[];
  readonly onOpen: (id: number) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="erasure-certificates">
        <caption className="visually-hidden">{t('erasure.screen.certificatesTab')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('erasure.certificate.fields.certificate')}</th>
            <th scope="col">{t('erasure.screen.columns.profile')}</th>
            <th scope="col">{t('erasure.certificate.fields.request')}</th>
            <th scope="col">{t('erasure.certificate.fields.reason')}</th>
            <th scope="col">{t('erasure.certificate.fields.erasedAt')}</th>
            <th scope="col">{t('erasure.certificate.fields.erasedBy')}</th>
            <th scope="col">{t('erasure.screen.columns.clean')}</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((certificate) => (
            <tr
              key={certificate.id}
              data-testid="erasure-certificate-row"
              data-id={certificate.id}
              data-profile={certificate.profileId}
              data-clean={String(certificate.clean)}
            >
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(certificate.id)}>
                  {t('erasure.screen.certificateNumber', { id: certificate.id })}
                </button>
              </th>
              <td>{t('erasure.screen.profileNumber', { id: certificate.profileId })}</td>
              <td>
                {certificate.requestId === null ? (
                  <span className="muted">{t('erasure.screen.noRequest')}</span>
                ) : (
                  t('erasure.screen.requestNumber', { id: certificate.requestId })
                )}
              </td>
              <td>{t(`erasure.reasons.${certificate.reason}`)}</td>
              <td>{formatDateTime(certificate.erasedAt, language)}</td>
              <td>{certificate.erasedBy}</td>
              <td>
                <CleanCell clean={certificate.clean} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CertificatesList({ onOpen }: { readonly onOpen: (id: number) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useApiData('erasure.certificates', { limit: PAGE_SIZE, offset });
  const data = page.data;
  return (
    <div className="stack" data-testid="erasure-certificates-list">
      <ErasureErrorAlert error={page.error} />
      {data === null ? (
        page.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : data.total === 0 ? (
        <p className="muted" data-testid="erasure-certificates-none">
          {t('erasure.screen.noCertificates')}
        </p>
      ) : (
        <>
          <p className="muted small" data-testid="erasure-certificates-total" data-total={data.total}>
            {t('erasure.screen.certificatesCount', { count: data.total, formatted: formatNumber(data.total, i18n.language) })}
          </p>
          <CertificatesTable certificates={data.certificates} onOpen={onOpen} />
          <Pager
            offset={offset}
            pageSize={PAGE_SIZE}
            total={data.total}
            busy={page.loading}
            label={t('erasure.screen.certificatesPages')}
            onOffset={setOffset}
          />
          <ErasuresChart />
        </>
      )}
    </div>
  );
}
