/**
 * What a source is for and why the vault may hold its data: purposes, the GDPR lawful basis, and the
 * default country for numbers and postal codes. Shared by the import wizard, the connector form and the
 * Sources screen's editor of a source.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LAWFUL_BASES, matchPurpose, type LawfulBasis, type Source } from '../../../main/api/contract';
import { purposeName } from '../lib/purpose-name';
import { usePurposeCatalog } from '../session/purpose-catalog';
import { CountrySelect } from './country-select';
import { SelectField } from './field';

export interface Declaration {
  readonly purposes: readonly string[];
  readonly lawfulBasis: LawfulBasis;
  readonly defaultCountry: string | null;
}

export const EMPTY_DECLARATION: Declaration = { purposes: [], lawfulBasis: 'contract', defaultCountry: null };

const MAX_PURPOSES = 20;

export function declarationOf(source: Pick<Source, 'purposes' | 'lawfulBasis' | 'defaultCountry'>): Declaration {
  return { purposes: source.purposes, lawfulBasis: source.lawfulBasis, defaultCountry: source.defaultCountry };
}

export function sameDeclaration(a: Declaration, b: Declaration): boolean {
  return a.lawfulBasis === b.lawfulBasis && a.defaultCountry === b.defaultCountry && JSON.stringify(a.purposes) === JSON.stringify(b.purposes);
}

function PurposesField({
  value,
  onChange,
  disabled,
  error,
}: {
  readonly value: readonly string[];
  readonly onChange: (purposes: string[]) => void;
  readonly disabled?: boolean;
  readonly error: string | null;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [unknown, setUnknown] = useState<string | null>(null);
  // The catalog's purposes: a source declares purposes the catalog has (the vault refuses others).
  const { purposes: catalog } = usePurposeCatalog();
  const clean = draft.trim();
  const canAdd = clean !== '' && clean.length <= 100 && !value.includes(clean) && value.length < MAX_PURPOSES;

  function add(): void {
    if (!canAdd) return;
    // Said here rather than when the import or the save is refused; without the catalog, the vault says it.
    if (catalog !== null && matchPurpose(clean, catalog) === null) {
      setUnknown(clean);
      return;
    }
    setUnknown(null);
    onChange([...value, clean]);
    setDraft('');
  }
  const shownError = unknown !== null ? t('declaration.notInCatalog', { purpose: unknown }) : error;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  return (
    <fieldset className="field purposes" aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ''}`}>
      <legend>{t('declaration.purposes')}</legend>
      {value.length > 0 ? (
        <ul className="chips" aria-label={t('declaration.purposesChosen')}>
          {value.map((purpose) => (
            <li key={purpose} className="chip">
              <span>{purpose}</span>
              <button
                type="button"
                className="chip-remove"
                disabled={disabled}
                aria-label={t('declaration.removePurpose', { purpose })}
                onClick={() => onChange(value.filter((item) => item !== purpose))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="inline-input">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('declaration.newPurpose')}
        </label>
        <input
          id={`${id}-input`}
          list={`${id}-suggestions`}
          value={draft}
          maxLength={100}
          disabled={disabled}
          placeholder={t('declaration.newPurposePlaceholder')}
          onChange={(event) => {
            setDraft(event.target.value);
            setUnknown(null);
          }}
          onKeyDown={onKeyDown}
        />
        <datalist id={`${id}-suggestions`}>
          {(catalog ?? []).map((purpose) => (
            <option key={purpose.code} value={purposeName(purpose, purpose.code, i18n.language)} />
          ))}
        </datalist>
        <button type="button" className="button" disabled={disabled || !canAdd} onClick={add}>
          {t('declaration.addPurpose')}
        </button>
      </div>
      <div className="field-hint" id={`${id}-hint`}>
        {t('declaration.purposesHint')}
      </div>
      {shownError ? (
        <div className="field-error" id={`${id}-error`} role={unknown !== null ? 'alert' : undefined}>
          {shownError}
        </div>
      ) : null}
    </fieldset>
  );
}

export function DeclarationFields({
  value,
  onChange,
  disabled,
  showErrors,
}: {
  readonly value: Declaration;
  readonly onChange: (value: Declaration) => void;
  readonly disabled?: boolean;
  readonly showErrors: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="declaration">
      <PurposesField
        value={value.purposes}
        disabled={disabled}
        onChange={(purposes) => onChange({ ...value, purposes })}
        error={showErrors && value.purposes.length === 0 ? t('declaration.purposesRequired') : null}
      />
      <div className="field-row">
        <SelectField
          label={t('declaration.lawfulBasis')}
          value={value.lawfulBasis}
          disabled={disabled}
          hint={t(`lawfulBasisHint.${value.lawfulBasis}`)}
          onChange={(event) => onChange({ ...value, lawfulBasis: event.target.value as LawfulBasis })}
        >
          {LAWFUL_BASES.map((basis) => (
            <option key={basis} value={basis}>
              {t(`lawfulBasis.${basis}`)}
            </option>
          ))}
        </SelectField>
        <CountrySelect
          label={t('declaration.defaultCountry')}
          hint={t('declaration.defaultCountryHint')}
          value={value.defaultCountry}
          optional
          disabled={disabled}
          onChange={(defaultCountry) => onChange({ ...value, defaultCountry })}
        />
      </div>
    </div>
  );
}
