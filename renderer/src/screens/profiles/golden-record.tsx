/**
 * A person's golden record: for each field the value kept among their records, the source and record it
 * came from, and the survivorship rule that chose it (identity.golden). Where the sources disagree the
 * count of other values says so; the records below show them all.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoldenValue } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { countryName } from '../../lib/countries';
import { languageName } from '../../lib/languages';
import { formatDateTime, formatWhen } from '../../lib/format';
import { formatPhone } from '../../lib/phone';

function shownValue(entry: GoldenValue & { value: string }, language: string): string {
  if (entry.field === 'birthDate') return formatWhen(entry.value, language);
  if (entry.field === 'phone') return formatPhone(entry.value);
  if (entry.field === 'country') return `${countryName(entry.value, language)} (${entry.value})`;
  if (entry.field === 'language') return `${languageName(entry.value, language)} (${entry.value})`;
  return entry.value;
}

export function GoldenRecord({ profileId }: { readonly profileId: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const golden = useApiData('identity.golden', { profileId });
  const language = i18n.language;
  // A field no record holds says nothing; the table lists what the person has.
  const fields = (golden.data?.fields ?? []).filter((entry): entry is GoldenValue & { value: string } => entry.value !== null);
  return (
    <section className="card" aria-labelledby="profile-golden-title" data-testid="profile-golden">
      <h3 className="card-title" id="profile-golden-title">
        {t('identity.golden.title')}
      </h3>
      <p className="card-description">{t('identity.golden.description')}</p>
      <ErrorAlert error={golden.error} />
      {!golden.data ? (
        golden.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : fields.length === 0 ? (
        <p className="empty small">{t('identity.golden.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('identity.golden.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identity.golden.columns.field')}</th>
                <th scope="col">{t('identity.golden.columns.value')}</th>
                <th scope="col">{t('identity.golden.columns.source')}</th>
                <th scope="col">{t('identity.golden.columns.rule')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((entry) => (
                <tr key={entry.field} data-testid={`golden-${entry.field}`}>
                  <th scope="row">{t(`fields.${entry.field}`)}</th>
                  <td>
                    {shownValue(entry, language)}
                    {entry.verified ? null : <span className="muted small"> · {t('identity.golden.notVerified')}</span>}
                    {entry.alternatives > 0 ? <span className="muted small"> · {t('identity.golden.others', { count: entry.alternatives })}</span> : null}
                  </td>
                  <td>
                    {entry.source}
                    {entry.recordId !== null && entry.recordTime !== null ? (
                      <span className="muted small">
                        {' '}
                        · {t('identity.golden.record', { record: entry.recordId, when: formatDateTime(entry.recordTime, language) })}
                      </span>
                    ) : null}
                  </td>
                  <td>{t(`identity.golden.rules.${entry.rule}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
