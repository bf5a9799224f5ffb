/** A country chosen by name in the interface language; the value is its ISO 3166-1 alpha-2 code. */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countries } from '../lib/countries';
import { SelectField } from './field';

interface Props {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly value: string | null;
  /** Offer "none" (null) as a choice. */
  readonly optional?: boolean;
  readonly disabled?: boolean;
  readonly onChange: (code: string | null) => void;
}

export function CountrySelect({ label, hint, value, optional = false, disabled, onChange }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const list = useMemo(() => countries(i18n.language), [i18n.language]);
  return (
    <SelectField
      label={label}
      hint={hint}
      value={value ?? ''}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
    >
      {optional || value === null ? <option value="">{t('countries.none')}</option> : null}
      {value !== null && !list.some((country) => country.code === value) ? <option value={value}>{value}</option> : null}
      {list.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name} ({country.code})
        </option>
      ))}
    </SelectField>
  );
}
