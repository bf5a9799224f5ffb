/** Register entries as a table: time, who (a user or a schedule), agreement, partner, purposes, people, fields, file, SHA-256. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterEntry } from '../../../../main/api/contract';
import { formatDateTime, formatNumber, shortHash } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { fieldName } from './agreement-form';

export function RegisterTable({
  entries,
  caption,
  testId,
}: {
  readonly entries: readonly RegisterEntry[];
  readonly caption: string;
  readonly testId: string;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { purposes } = usePurposeCatalog();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partners.screens.register.at')}</th>
            <th scope="col">{t('partners.screens.register.by')}</th>
            <th scope="col">{t('partners.screens.extract.agreement')}</th>
            <th scope="col">{t('partners.screens.agreements.partner')}</th>
            <th scope="col">{t('partners.screens.sign.purposes')}</th>
            <th scope="col" className="num">
              {t('partners.screens.register.people')}
            </th>
            <th scope="col">{t('partners.screens.register.fields')}</th>
            <th scope="col">{t('partners.screens.register.file')}</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="register-row" data-id={entry.id} data-sha256={entry.sha256} data-people={entry.people}>
              <th scope="row">{formatDateTime(entry.at, language)}</th>
              <td>{entry.user ?? t('partners.screens.register.bySchedule', { id: entry.scheduleId ?? 0 })}</td>
              <td>{t('partners.screens.agreements.titleNumbered', { id: entry.agreementId, title: entry.agreementTitle })}</td>
              <td>{entry.partnerName}</td>
              <td>
                {entry.purposes
                  .map((code) =>
                    purposeName(
                      purposes?.find((purpose) => purpose.code === code),
                      code,
                      language,
                    ),
                  )
                  .join(', ')}
              </td>
              <td className="num">{formatNumber(entry.people, language)}</td>
              <td>{entry.fields.map((field) => fieldName(t, field)).join(', ')}</td>
              <td>
                <code>{entry.fileName}</code>
              </td>
              <td>
                <code title={entry.sha256}>{shortHash(entry.sha256, 16)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
