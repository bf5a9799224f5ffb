/**
 * Agreements (leases): each one's state, days left and extracts this month against its limit; one opened
 * shows its terms and history, where administrators renew, suspend, resume or revoke it. Administrators
 * sign new ones below the list.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { formatWhen } from '../../lib/format';
import { AgreementDetail } from './agreement-detail';
import { AgreementForm } from './agreement-form';
import { DaysLeft, LeaseChip } from './lease-chip';

function AgreementsTable({ agreements, onOpen }: { readonly agreements: readonly Agreement[]; readonly onOpen: (id: number) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="agreements-table">
        <caption className="visually-hidden">{t('partners.screens.tabs.agreements')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partners.screens.agreements.agreement')}</th>
            <th scope="col">{t('partners.screens.agreements.partner')}</th>
            <th scope="col">{t('partners.screens.agreements.state')}</th>
            <th scope="col">{t('partners.screens.agreements.validity')}</th>
            <th scope="col">{t('partners.screens.agreements.daysLeftColumn')}</th>
            <th scope="col" className="num">
              {t('partners.screens.agreements.extractsThisMonth')}
            </th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((agreement) => (
            <tr key={agreement.id} data-testid="agreement-row" data-id={agreement.id} data-state={agreement.state}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(agreement.id)}>
                  {t('partners.screens.agreements.titleNumbered', { id: agreement.id, title: agreement.title })}
                </button>
              </th>
              <td>{agreement.partnerName}</td>
              <td>
                <LeaseChip agreement={agreement} />
              </td>
              <td>
                {t('partners.screens.agreements.fromTo', {
                  from: formatWhen(agreement.validFrom, i18n.language),
                  to: formatWhen(agreement.validTo, i18n.language),
                })}
              </td>
              <td>
                <DaysLeft agreement={agreement} />
              </td>
              <td className="num">
                {agreement.maxPerMonth === null
                  ? agreement.extractsThisMonth
                  : t('partners.screens.agreements.ofMax', { count: agreement.extractsThisMonth, max: agreement.maxPerMonth })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AgreementsPanel({ canEdit, onChanged }: { readonly canEdit: boolean; readonly onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const agreements = useApiData('agreements.list', {});
  const [opened, setOpened] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = agreements.data ?? [];

  return (
    <div className="stack" data-testid="agreements-panel">
      {opened !== null ? (
        <AgreementDetail
          key={opened}
          id={opened}
          canEdit={canEdit}
          onBack={() => setOpened(null)}
          onChanged={() => {
            agreements.reload();
            onChanged();
          }}
        />
      ) : null}
      {/* The list stays mounted behind an opened agreement, so Back returns to where it was. */}
      <div className="stack" hidden={opened !== null}>
        <p className="lead">{t('partners.screens.agreements.intro')}</p>
        {notice !== null ? (
          <Notice tone="success" testId="agreement-notice">
            {notice}
          </Notice>
        ) : null}
        <ErrorAlert error={agreements.error} />
        {agreements.data === null ? null : list.length === 0 ? (
          <p className="muted" data-testid="agreements-none">
            {t('partners.screens.agreements.none')}
          </p>
        ) : (
          <AgreementsTable agreements={list} onOpen={setOpened} />
        )}
        {canEdit ? (
          <AgreementForm
            onSigned={(agreement) => {
              setNotice(t('partners.screens.sign.signed', { id: agreement.id, title: agreement.title }));
              agreements.reload();
              onChanged();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
