/**
 * What a source is for and why the vault may hold its data: purposes, each on its GDPR lawful basis, the
 * source's basis (which a new purpose starts on), and the default country for numbers and postal codes.
 * Shared by the import wizard, the connector form and the Sources screen's editor of a source.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { followBasis, LAWFUL_BASES, matchPurpose, type DeclaredPurpose, type LawfulBasis, type Purpose, type Source } from '../../../main/api/contract';
import { purposeName } from '../lib/purpose-name';
import { usePurposeCatalog } from '../session/purpose-catalog';
import { CountrySelect } from './country-select';
import { SelectField } from './field';

export interface Declaration {
  /** Each purpose with its basis; the source's `lawfulBasis` is the one a new purpose starts on. */
  readonly purposes: readonly DeclaredPurpose[];
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

/** The catalog purpose a typed text names, when the catalog is known. */
function catalogPurpose(text: string, catalog: readonly Purpose[] | null): Purpose | undefined {
  if (catalog === null) return undefined;
  const code = matchPurpose(text, catalog);
  return code === null ? undefined : catalog.find((purpose) => purpose.code === code);
}

/** The basis a purpose starts on: the source's when the purpose allows it, else the purpose's first (often only) one. */
export function startingBasis(purpose: Pick<Purpose, 'bases'> | undefined, sourceBasis: LawfulBasis): LawfulBasis {
  if (purpose === undefined || purpose.bases.includes(sourceBasis)) return sourceBasis;
  return purpose.bases[0] ?? sourceBasis;
}

function BasisOfPurpose({
  declared,
  purpose,
  disabled,
  onChange,
}: {
  readonly declared: DeclaredPurpose;
  readonly purpose: Purpose | undefined;
  readonly disabled?: boolean;
  readonly onChange: (basis: LawfulBasis) => void;
}): ReactNode {
  const { t } = useTranslation();
  // The purpose's bases; one it does not allow stays listed while chosen, so the refusal says what is wrong.
  const offered = purpose === undefined ? LAWFUL_BASES : LAWFUL_BASES.filter((basis) => purpose.bases.includes(basis) || basis === declared.basis);
  return (
    <select
      className="chip-basis"
      value={declared.basis}
      disabled={disabled}
      aria-label={t('declaration.basisOf', { purpose: declared.purpose })}
      aria-invalid={purpose !== undefined && !purpose.bases.includes(declared.basis) ? true : undefined}
      onChange={(event) => onChange(event.target.value as LawfulBasis)}
    >
      {offered.map((basis) => (
        <option key={basis} value={basis}>
          {t(`lawfulBasis.${basis}`)}
        </option>
      ))}
    </select>
  );
}

function PurposesField({
  value,
  sourceBasis,
  onChange,
  disabled,
  error,
}: {
  readonly value: readonly DeclaredPurpose[];
  readonly sourceBasis: LawfulBasis;
  readonly onChange: (purposes: DeclaredPurpose[]) => void;
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
  const canAdd = clean !== '' && clean.length <= 100 && !value.some((declared) => declared.purpose === clean) && value.length < MAX_PURPOSES;

  function add(): void {
    if (!canAdd) return;
    // Said here rather than when the import or the save is refused; without the catalog, the vault says it.
    if (catalog !== null && matchPurpose(clean, catalog) === null) {
      setUnknown(clean);
      return;
    }
    setUnknown(null);
    onChange([...value, { purpose: clean, basis: startingBasis(catalogPurpose(clean, catalog), sourceBasis) }]);
    setDraft('');
  }
  // A basis the catalog does not allow for its purpose: the vault's own reason, said before saving.
  const refused = value.find((declared) => {
    const purpose = catalogPurpose(declared.purpose, catalog);
    return purpose !== undefined && !purpose.bases.includes(declared.basis);
  });
  const shownError =
    unknown !== null
      ? t('declaration.notInCatalog', { purpose: unknown })
      : refused !== undefined
        ? t('errors.INVALID_INPUT_basisNotAllowed', { purpose: refused.purpose, basis: t(`lawfulBasis.${refused.basis}`) })
        : error;

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
          {value.map((declared) => (
            <li key={declared.purpose} className="chip">
              <span>{declared.purpose}</span>
              <BasisOfPurpose
                declared={declared}
                purpose={catalogPurpose(declared.purpose, catalog)}
                disabled={disabled}
                onChange={(basis) => onChange(value.map((item) => (item === declared ? { ...item, basis } : item)))}
              />
              <button
                type="button"
                className="chip-remove"
                disabled={disabled}
                aria-label={t('declaration.removePurpose', { purpose: declared.purpose })}
                onClick={() => onChange(value.filter((item) => item !== declared))}
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
        <div className="field-error" id={`${id}-error`} role={unknown !== null || refused !== undefined ? 'alert' : undefined}>
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
        sourceBasis={value.lawfulBasis}
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
          onChange={(event) => {
            // Purposes on the source's basis follow it; those given another keep theirs.
            const lawfulBasis = event.target.value as LawfulBasis;
            onChange({ ...value, lawfulBasis, purposes: followBasis(value.purposes, value.lawfulBasis, lawfulBasis) });
          }}
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
