/** The merges that brought records into this person, newest first, each with Undo while it is in effect. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeEntry } from '../../../../main/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatDateTime, formatNumber } from '../../lib/format';

interface Props {
  readonly merges: readonly MergeEntry[];
  readonly busy: boolean;
  readonly onUndo: (merge: MergeEntry) => Promise<boolean>;
}

export function MergeHistory({ merges, busy, onUndo }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [undoing, setUndoing] = useState<MergeEntry | null>(null);
  if (merges.length === 0) return <p className="muted">{t('identity.person.history.empty')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="merge-history">
          <caption className="visually-hidden">{t('identity.person.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('identity.person.history.when')}</th>
              <th scope="col">{t('identity.person.history.how')}</th>
              <th scope="col" className="num">
                {t('identity.person.history.records')}
              </th>
              <th scope="col">{t('identity.person.history.state')}</th>
            </tr>
          </thead>
          <tbody>
            {merges.map((merge) => {
              const when = formatDateTime(merge.mergedAt, language);
              return (
                <tr key={merge.id} data-merge-id={merge.id} data-undone={merge.undoneAt !== null}>
                  <td>{when}</td>
                  <td>{t(merge.how === 'rule' ? 'identity.person.history.byRule' : 'identity.person.history.bySteward')}</td>
                  <td className="num">{formatNumber(merge.records, language)}</td>
                  <td>
                    {merge.undoneAt !== null ? (
                      t('identity.person.history.undoneOn', { date: formatDateTime(merge.undoneAt, language) })
                    ) : (
                      <>
                        {t('identity.person.history.active')}{' '}
                        <button type="button" className="button button-small" aria-label={t('identity.person.history.undoLabel', { date: when })} onClick={() => setUndoing(merge)}>
                          {t('identity.person.history.undo')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={undoing !== null}
        title={t('identity.person.history.undoTitle')}
        confirmLabel={t('identity.person.history.undoConfirm')}
        busy={busy}
        onCancel={() => setUndoing(null)}
        onConfirm={() => {
          if (undoing) void onUndo(undoing).then(() => setUndoing(null));
        }}
      >
        <p>{t('identity.person.history.undoText')}</p>
      </ConfirmDialog>
    </>
  );
}
