/**
 * On a person's page: the extracts that included them (GDPR Art. 15(1)(c): the recipients their data went
 * to), read from the register by person; merged ids lead on to the surviving profile.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { RegisterTable } from './register-table';

export function DisclosuresSection({ profileId }: { readonly profileId: number }): ReactNode {
  const { t } = useTranslation();
  const disclosures = useApiData('register.list', { profileId, limit: 100, offset: 0 });
  const data = disclosures.data;
  return (
    <section className="card" aria-labelledby="profile-disclosures-title" data-testid="profile-disclosures">
      <h3 className="card-title" id="profile-disclosures-title">
        {t('partners.screens.disclosures.title')}
      </h3>
      <p className="card-description">{t('partners.screens.disclosures.description')}</p>
      <ErrorAlert error={disclosures.error} />
      {data === null ? null : data.entries.length === 0 ? (
        <p className="muted" data-testid="profile-disclosures-none">
          {t('partners.screens.disclosures.none')}
        </p>
      ) : (
        <>
          <RegisterTable entries={data.entries} caption={t('partners.screens.disclosures.title')} testId="profile-disclosures-table" />
          {data.total > data.entries.length ? (
            <p className="muted small">{t('partners.screens.disclosures.more', { count: data.total - data.entries.length })}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
