/**
 * On a person's page (stewards and administrators): until when they may be kept, overall and purpose by
 * purpose (a purpose still in use, or ended, with its date or "no end yet" and the rule that gives it), the
 * holds that suspend their retention, and whether they are due.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { formatWhen } from '../../lib/format';
import { usePurposeNames } from './use-purpose-names';

/** A hold on a person: a legal obligation on a person is worded apart from one on a source. */
function holdKind(kind: string): string {
  return kind === 'legal_obligation' ? 'person_obligation' : kind;
}

export function RetentionSection({ profileId }: { readonly profileId: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const name = usePurposeNames();
  const retention = useApiData('retention.profile', { profileId });
  const data = retention.data;
  return (
    <section className="card" aria-labelledby="profile-retention-title" data-testid="profile-retention" data-due={data?.due ?? false}>
      <h3 className="card-title" id="profile-retention-title">
        {t('retention.person.title')}{' '}
        {data?.due ? (
          <span className="badge badge-overdue" data-testid="profile-retention-due">
            {t('retention.person.due')}
          </span>
        ) : null}
      </h3>
      <p className="card-description">{t('retention.person.description')}</p>
      <ErrorAlert error={retention.error} />
      {data === null ? null : (
        <div className="stack">
          <p data-testid="profile-retention-until" data-until={data.until ?? ''}>
            <strong>{data.until === null ? t('retention.person.untilNone') : t('retention.person.until', { date: formatWhen(data.until, language) })}</strong>
          </p>
          {data.due ? <p>{data.action === 'review' ? t('retention.person.dueReview') : t('retention.person.dueAnonymize')}</p> : null}
          {data.purposes.length === 0 ? (
            <p className="muted">{t('retention.person.noPurposes')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="profile-retention-purposes">
                <caption className="visually-hidden">{t('retention.person.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('retention.person.columns.purpose')}</th>
                    <th scope="col">{t('retention.person.columns.state')}</th>
                    <th scope="col">{t('retention.person.columns.until')}</th>
                    <th scope="col">{t('retention.person.columns.rule')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.purposes.map((purpose) => (
                    <tr key={purpose.purposeId} data-purpose={purpose.purpose} data-live={purpose.live}>
                      <th scope="row">{name(purpose.purpose)}</th>
                      <td>
                        <span className={`badge ${purpose.live ? 'badge-ok' : 'badge-off'}`}>
                          {purpose.live ? t('retention.person.live') : t('retention.person.ended')}
                        </span>
                      </td>
                      <td>{purpose.until === null ? <span className="muted">{t('retention.screen.noEnd')}</span> : formatWhen(purpose.until, language)}</td>
                      <td>
                        {purpose.ruleId === null ? (
                          <span className="muted">{t('retention.screen.noRule')}</span>
                        ) : (
                          t('retention.screen.ruleNumber', { id: purpose.ruleId })
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.holds.length > 0 ? (
            <>
              <h4 className="card-title">{t('retention.person.holds')}</h4>
              <ul className="stack" data-testid="profile-retention-holds">
                {data.holds.map((hold) => {
                  const kind = t(`erasure.holds.kinds.${holdKind(hold.kind)}`);
                  return (
                    <li key={hold.id} data-kind={hold.kind}>
                      {hold.until === null
                        ? t('retention.person.holdOpen', { kind })
                        : t('retention.person.holdUntil', { kind, date: formatWhen(hold.until, language) })}
                    </li>
                  );
                })}
              </ul>
              <p className="muted small">{t('retention.person.heldNote')}</p>
            </>
          ) : null}
        </div>
      )}
    </section>
  );
}
