/** Every pair waiting, in the queue's order; choosing one shows it above. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewPair } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { percent, recordLabel } from '../../lib/identity';

interface Props {
  readonly pairs: readonly ReviewPair[];
  readonly total: number;
  readonly currentId: number | null;
  readonly onShow: (id: number) => void;
}

export function ReviewList({ pairs, total, currentId, onShow }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="review-list-title">
      <h2 className="card-title" id="review-list-title">
        {t('identity.review.listTitle')}
      </h2>
      <div className="table-wrap">
        <table className="table" data-testid="review-list">
          <caption className="visually-hidden">{t('identity.review.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('identity.review.listRecordA')}</th>
              <th scope="col">{t('identity.review.listRecordB')}</th>
              <th scope="col" className="num">
                {t('identity.review.listProbability')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair, index) => {
              const a = recordLabel(t, pair.a);
              const b = recordLabel(t, pair.b);
              return (
                <tr key={pair.id} aria-current={pair.id === currentId ? 'true' : undefined} data-pair-id={pair.id}>
                  <td>
                    <button type="button" className="link-button" aria-label={t('identity.review.listShow', { position: index + 1, a, b })} onClick={() => onShow(pair.id)}>
                      {formatNumber(index + 1, language)}
                    </button>
                    {pair.skipped ? <span className="badge badge-off">{t('identity.review.skipped')}</span> : null}
                  </td>
                  <td>{a}</td>
                  <td>{b}</td>
                  <td className="num">{percent(pair.evidence.probability, language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {total > pairs.length ? (
        <p className="muted small">{t('identity.review.more', { count: total - pairs.length, formatted: formatNumber(total - pairs.length, language) })}</p>
      ) : null}
    </section>
  );
}
