import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { baseName } from '../../lib/file-paths';
import { formatDateTime, shortHash } from '../../lib/format';
import { ShownValue } from './shown-value';

/** Checkpoints taken by exports from this vault: where the trail stood, who took it, whether it was signed. */
export function CheckpointsTable(): ReactNode {
  const { t, i18n } = useTranslation();
  const checkpoints = useApiData('audit.checkpoints', {});
  if (checkpoints.error) return <ErrorAlert error={checkpoints.error} />;
  if (!checkpoints.data) return <p className="muted">{t('common.loading')}</p>;
  if (checkpoints.data.length === 0) return <p className="empty">{t('audit.checkpoints.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="checkpoints-table">
        <caption className="visually-hidden">{t('audit.checkpoints.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.checkpoints.columns.takenAt')}</th>
            <th scope="col">{t('audit.checkpoints.columns.seq')}</th>
            <th scope="col">{t('audit.checkpoints.columns.headHash')}</th>
            <th scope="col">{t('audit.checkpoints.columns.takenBy')}</th>
            <th scope="col">{t('audit.checkpoints.columns.signature')}</th>
            <th scope="col">{t('audit.checkpoints.columns.file')}</th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.data.map((checkpoint) => (
            <tr key={checkpoint.id}>
              <td>{formatDateTime(checkpoint.takenAt, i18n.language)}</td>
              <td className="num">{t('audit.seqValue', { seq: checkpoint.seq })}</td>
              <td>
                <ShownValue code value={{ text: shortHash(checkpoint.headHash, 16), full: checkpoint.headHash }} />
              </td>
              <td>{checkpoint.takenBy}</td>
              <td>
                {checkpoint.fingerprint ? (
                  <ShownValue code value={{ text: shortHash(checkpoint.fingerprint, 16), full: checkpoint.fingerprint }} />
                ) : (
                  <span className="muted">{t('audit.checkpoint.unsigned')}</span>
                )}
              </td>
              <td>{checkpoint.file ? <ShownValue code value={{ text: baseName(checkpoint.file), full: checkpoint.file }} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
