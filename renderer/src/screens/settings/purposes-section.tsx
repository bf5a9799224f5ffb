/**
 * The purpose catalog: what personal data is used for, the lawful bases each purpose allows, its flags and
 * default retention. Everyone reads it; administrators add and edit purposes.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Purpose } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { Section } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { hasRole, useSession } from '../../session/session-context';
import { purposeName } from '../../lib/purpose-name';
import { PurposeForm } from './purpose-form';

type Editing = { readonly purpose: Purpose | null } | null;

function PurposeRow({ purpose, canEdit, onEdit }: { readonly purpose: Purpose; readonly canEdit: boolean; readonly onEdit: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const name = purposeName(purpose, purpose.code, i18n.language);
  const description = i18n.language.startsWith('fr') ? purpose.descriptionFr : purpose.descriptionEn;
  return (
    <tr data-testid={`purpose-${purpose.code}`}>
      <th scope="row">
        {name}
        <div className="muted small">
          <code>{purpose.code}</code>
          {description === '' ? null : ` · ${description}`}
        </div>
      </th>
      <td>{purpose.bases.map((basis) => t(`lawfulBasis.${basis}`)).join(', ')}</td>
      <td>
        <div className="purpose-flags">
          {purpose.expressConsent ? <span className="badge">{t('purposes.express')}</span> : null}
          {purpose.saleOrSharing ? <span className="badge">{t('purposes.sale')}</span> : null}
        </div>
      </td>
      <td>{purpose.retentionDays === null ? <span className="muted">{t('purposes.retentionNone')}</span> : purpose.retentionDays}</td>
      <td>{purpose.noticeVersion}</td>
      <td>{t('purposes.useCount', { sources: purpose.sources, events: purpose.events })}</td>
      {canEdit ? (
        <td className="cell-actions">
          <button type="button" className="button button-small" aria-label={t('purposes.edit', { name })} onClick={onEdit}>
            {t('purposes.editButton')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

export function PurposesSection(): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const canEdit = hasRole(user, 'administrator');
  const catalog = useApiData('purposes.list', {});
  // The declaration fields offer the catalog's purposes: they read it again after a change here.
  const { reload: reloadSessionCatalog } = usePurposeCatalog();
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const purposes = catalog.data ?? [];

  return (
    <Section title={t('purposes.title')} description={t('purposes.intro')} id="purposes">
      <ErrorAlert error={catalog.error} />
      {done !== null ? <Notice testId="purpose-saved">{done}</Notice> : null}
      {!canEdit ? <p className="muted small">{t('purposes.readOnly')}</p> : null}
      {catalog.data && purposes.length === 0 ? <p className="empty small">{t('purposes.empty')}</p> : null}
      {purposes.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="purpose-catalog">
            <caption className="visually-hidden">{t('purposes.listLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('purposes.name')}</th>
                <th scope="col">{t('purposes.bases')}</th>
                <th scope="col">{t('purposes.flags')}</th>
                <th scope="col">{t('purposes.retentionDays')}</th>
                <th scope="col">{t('purposes.noticeVersion')}</th>
                <th scope="col">{t('purposes.use')}</th>
                {canEdit ? <th scope="col">{t('purposes.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {purposes.map((purpose) => (
                <PurposeRow
                  key={purpose.code}
                  purpose={purpose}
                  canEdit={canEdit}
                  onEdit={() => {
                    setDone(null);
                    setEditing({ purpose });
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit && editing === null ? (
        <div className="form-actions start">
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setEditing({ purpose: null });
            }}
          >
            {t('purposes.add')}
          </button>
        </div>
      ) : null}
      {canEdit && editing !== null ? (
        <PurposeForm
          key={editing.purpose?.code ?? 'new'}
          purpose={editing.purpose}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setDone(t(editing.purpose === null ? 'purposes.added' : 'purposes.saved', { name: purposeName(saved, saved.code, i18n.language) }));
            setEditing(null);
            catalog.reload();
            reloadSessionCatalog();
          }}
        />
      ) : null}
    </Section>
  );
}
