/**
 * Contradicting decisions, never hidden and never settled here: each conflict with its records (whose
 * person each opens) and the pairs declared different that the chain of "same" decisions runs against.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodReply, PairRecord } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import type { ApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import { recordLabel } from '../../lib/identity';

interface Props {
  readonly conflicts: ApiData<MethodReply<'identity.conflicts'>>;
  readonly onPerson: (profileId: number) => void;
}

export function ConflictsPanel({ conflicts, onPerson }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const data = conflicts.data;
  const records = new Map<number, PairRecord>((data?.records ?? []).map((record) => [record.recordId, record]));
  const label = (id: number): string => {
    const record = records.get(id);
    return record ? recordLabel(t, record) : t('identity.conflicts.unknownRecord', { id });
  };
  return (
    <section className="card" aria-labelledby="conflicts-title" data-testid="conflicts-panel">
      <h2 className="card-title" id="conflicts-title">
        {t('identity.conflicts.title')}
      </h2>
      <p className="card-description">{t('identity.conflicts.description')}</p>
      <ErrorAlert error={conflicts.error} />
      {data && data.conflicts.length === 0 ? <p className="empty">{t('identity.conflicts.empty')}</p> : null}
      <ol className="conflict-list">
        {(data?.conflicts ?? []).map((conflict, index) => (
          <li key={conflict.records.join('-')} className="conflict" data-testid="conflict">
            <h3>{t('identity.conflicts.item', { number: formatNumber(index + 1, i18n.language) })}</h3>
            <p className="muted small">{t('identity.conflicts.records')}</p>
            <ul className="plain-list">
              {conflict.records.map((id) => {
                const record = records.get(id);
                const profileId = record?.profileId ?? null;
                return (
                  <li key={id}>
                    {profileId !== null ? (
                      <button type="button" className="link-button" aria-label={t('identity.conflicts.openPerson', { record: label(id) })} onClick={() => onPerson(profileId)}>
                        {label(id)}
                      </button>
                    ) : (
                      label(id)
                    )}
                  </li>
                );
              })}
            </ul>
            <p className="small">
              {t('identity.conflicts.declaredDifferent')}{' '}
              {conflict.cannotLinks.map(([a, b]) => t('identity.conflicts.pair', { a: label(a), b: label(b) })).join(' · ')}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
