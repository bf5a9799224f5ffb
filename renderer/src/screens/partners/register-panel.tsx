/**
 * The register: every extract that left, filtered by period, partner and agreement, with the people it
 * counted in total, exportable as CSV or PDF for an auditor. Read-only for everyone: the register is
 * written only by the extracts themselves.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { Pager } from '../../components/pager';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { downloadBase64 } from '../../lib/download';
import { formatNumber, shortHash } from '../../lib/format';
import { RegisterTable } from './register-table';

const PAGE = 50;

export function RegisterPanel(): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [agreementId, setAgreementId] = useState('');
  const [offset, setOffset] = useState(0);
  const partners = useApiData('partners.list', {});
  const agreements = useApiData('agreements.list', {});
  const filter = {
    ...(from === '' ? {} : { from }),
    ...(to === '' ? {} : { to }),
    ...(partnerId === '' ? {} : { partnerId: Number(partnerId) }),
    ...(agreementId === '' ? {} : { agreementId: Number(agreementId) }),
  };
  const register = useApiData('register.list', { ...filter, limit: PAGE, offset });
  const exporter = useApiAction('register.export');
  const [exported, setExported] = useState<{ readonly fileName: string; readonly sha256: string; readonly entries: number } | null>(null);
  const datesInvalid = from !== '' && to !== '' && to < from;
  const refilter = (update: () => void): void => {
    update();
    setOffset(0);
    setExported(null);
  };

  async function exportAs(format: 'csv' | 'pdf'): Promise<void> {
    setExported(null);
    const result = await exporter.run({ ...filter, format, overwrite: false, language: language.startsWith('fr') ? 'fr' : 'en' });
    if (!result.ok || result.value.base64 === null) return;
    downloadBase64(result.value.fileName, result.value.base64, format === 'pdf' ? 'application/pdf' : 'text/csv;charset=utf-8');
    setExported(result.value);
  }

  const data = register.data;
  return (
    <div className="stack" data-testid="register-panel">
      <p className="lead">{t('partners.screens.register.intro')}</p>
      <div className="field-row" role="group" aria-label={t('partners.screens.register.filters')}>
        <TextField
          type="date"
          label={t('partners.screens.register.from')}
          value={from}
          onChange={(event) => refilter(() => setFrom(event.target.value))}
          name="registerFrom"
        />
        <TextField
          type="date"
          label={t('partners.screens.register.to')}
          value={to}
          onChange={(event) => refilter(() => setTo(event.target.value))}
          name="registerTo"
          error={datesInvalid ? t('partners.screens.audience.datesInvalid') : null}
        />
        <SelectField
          label={t('partners.screens.agreements.partner')}
          value={partnerId}
          onChange={(event) => refilter(() => setPartnerId(event.target.value))}
          name="registerPartner"
        >
          <option value="">{t('partners.screens.register.allPartners')}</option>
          {(partners.data ?? []).map((partner) => (
            <option key={partner.id} value={String(partner.id)}>
              {partner.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('partners.screens.extract.agreement')}
          value={agreementId}
          onChange={(event) => refilter(() => setAgreementId(event.target.value))}
          name="registerAgreement"
        >
          <option value="">{t('partners.screens.register.allAgreements')}</option>
          {(agreements.data ?? [])
            .filter((agreement) => partnerId === '' || String(agreement.partnerId) === partnerId)
            .map((agreement) => (
              <option key={agreement.id} value={String(agreement.id)}>
                {t('partners.screens.agreements.titleNumbered', { id: agreement.id, title: agreement.title })}
              </option>
            ))}
        </SelectField>
      </div>
      <ErrorAlert error={register.error} />
      {data === null ? null : (
        <>
          <p data-testid="register-totals" data-total={data.total} data-people={data.people}>
            {t('partners.screens.register.totals', {
              count: data.total,
              formatted: formatNumber(data.total, language),
              people: formatNumber(data.people, language),
            })}
          </p>
          {data.entries.length === 0 ? (
            <p className="muted" data-testid="register-none">
              {t('partners.screens.register.none')}
            </p>
          ) : (
            <RegisterTable entries={data.entries} caption={t('partners.screens.tabs.register')} testId="register-table" />
          )}
          <Pager offset={offset} pageSize={PAGE} total={data.total} busy={register.loading} label={t('partners.screens.tabs.register')} onOffset={setOffset} />
        </>
      )}
      <div className="form-actions start">
        <button type="button" className="button" onClick={() => void exportAs('csv')} disabled={exporter.busy || datesInvalid} aria-busy={exporter.busy}>
          {t('partners.screens.register.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => void exportAs('pdf')} disabled={exporter.busy || datesInvalid} aria-busy={exporter.busy}>
          {t('partners.screens.register.exportPdf')}
        </button>
      </div>
      <ErrorAlert error={exporter.error} />
      {exported !== null ? (
        <Notice tone="success" testId="register-exported">
          {t('partners.screens.register.exported', { count: exported.entries, file: exported.fileName })}{' '}
          <code title={exported.sha256}>{shortHash(exported.sha256, 16)}</code>
        </Notice>
      ) : null}
    </div>
  );
}
