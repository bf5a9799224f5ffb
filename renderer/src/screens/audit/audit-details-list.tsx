import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditNames } from '../../../../main/api/contract';
import { detailFields } from '../../lib/audit-labels';
import { ShownValue } from './shown-value';

/** An entry's details as labelled fields in the reader's language, ids by name. */
export function AuditDetailsList({ details, names }: { readonly details: Readonly<Record<string, unknown>>; readonly names: AuditNames }): ReactNode {
  const { t, i18n } = useTranslation();
  const fields = detailFields(details, names, t, i18n.language);
  if (fields.length === 0) return <p className="muted">{t('audit.entry.noDetails')}</p>;
  return (
    <dl className="facts compact audit-details" data-testid="audit-entry-details">
      {fields.map((field) => (
        <div key={field.key} data-key={field.key}>
          <dt>{field.label}</dt>
          <dd>
            <ShownValue value={field.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
