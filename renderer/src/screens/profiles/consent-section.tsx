/**
 * A person's consent, per purpose of the catalog: the state derived from the ledger of all their records,
 * the basis their data rests on, since when, and the events behind it; with Grant, Withdraw and Object side
 * by side, each one confirmation away.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { purposeName } from '../../lib/purpose-name';
import { ConsentDialog, type ConsentRequest } from './consent-dialog';
import { ConsentTable } from './consent-table';

export function ConsentSection({ profileId }: { readonly profileId: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const consent = useApiData('consent.show', { profileId });
  const catalog = useApiData('purposes.list', {});
  const [request, setRequest] = useState<ConsentRequest | null>(null);
  // Each opening of the dialog is a new one (its key): nothing typed for the last request is carried over.
  const [openings, setOpenings] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const purposes = new Map((catalog.data ?? []).map((purpose) => [purpose.code, purpose]));

  return (
    <section className="card" aria-labelledby="profile-consent-title" data-testid="profile-consent">
      <h3 className="card-title" id="profile-consent-title">
        {t('consent.title')}
      </h3>
      <p className="card-description">{t('consent.intro')}</p>
      <ErrorAlert error={consent.error ?? catalog.error} />
      {done !== null ? <Notice testId="consent-recorded">{done}</Notice> : null}
      {!consent.data ? (
        consent.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <ConsentTable
          states={consent.data.purposes}
          purposes={purposes}
          onRecord={(state, kind) => {
            setDone(null);
            setOpenings((count) => count + 1);
            setRequest({ purpose: state.purpose, purposeName: purposeName(purposes.get(state.purpose), state.purpose, i18n.language), kind });
          }}
        />
      )}
      <ConsentDialog
        key={openings}
        profileId={consent.data?.profileId ?? profileId}
        request={request}
        onCancel={() => setRequest(null)}
        onDone={({ purposeName: name, state }) => {
          setRequest(null);
          setDone(t('consent.recorded', { purpose: name, state: t(`consent.states.${state}`) }));
          consent.reload();
        }}
      />
    </section>
  );
}
