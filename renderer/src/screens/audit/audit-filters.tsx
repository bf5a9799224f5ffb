import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { SelectField, TextField } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';
import { EMPTY_FILTER, isFiltered, type AuditFilterForm } from './audit-filter-state';

export function AuditFilters({ value, onChange }: { readonly value: AuditFilterForm; readonly onChange: (value: AuditFilterForm) => void }): ReactNode {
  const { t } = useTranslation();
  const users = useApiData('users.list', {});
  const actions = useApiData('audit.actions', {});
  return (
    <form className="filters" role="search" aria-label={t('audit.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <SelectField label={t('audit.filters.actor')} value={value.actorId} onChange={(event) => onChange({ ...value, actorId: event.target.value })}>
        <option value="">{t('audit.filters.anyActor')}</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={String(user.id)}>
            {user.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('audit.filters.action')} value={value.action} onChange={(event) => onChange({ ...value, action: event.target.value })}>
        <option value="">{t('audit.filters.anyAction')}</option>
        {(actions.data ?? []).map((action) => (
          <option key={action} value={action}>
            {t(`auditActions.${action}`, { defaultValue: action })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('audit.filters.profile')}
        hint={t('audit.filters.profileHint')}
        inputMode="numeric"
        value={value.profileId}
        onChange={(event) => onChange({ ...value, profileId: event.target.value })}
      />
      <DateField label={t('audit.filters.from')} value={value.fromDay} onChange={(fromDay) => onChange({ ...value, fromDay })} />
      <DateField label={t('audit.filters.to')} value={value.toDay} onChange={(toDay) => onChange({ ...value, toDay })} />
      <div className="filters-actions">
        <button type="button" className="button" disabled={!isFiltered(value)} onClick={() => onChange(EMPTY_FILTER)}>
          {t('audit.filters.reset')}
        </button>
      </div>
    </form>
  );
}
