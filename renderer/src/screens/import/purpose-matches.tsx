/**
 * The purposes a file's consents name that the catalog does not match (a column's purpose, or the values of
 * a nested consent's purpose cells in the preview): the steward maps each to a catalog purpose, saved with
 * the mapping (`purposeAliases`), or an administrator adds it to the catalog. A text left unmatched flags
 * its consents when imported; the records are kept.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { aliasOf, consentPurposeTexts, matchPurpose } from '../../../../main/api/contract';
import { purposeName } from '../../lib/purpose-name';
import { mappingFromDraft, type MappingDraft } from '../../lib/mapping';
import { usePurposeCatalog } from '../../session/purpose-catalog';

type Rows = readonly { readonly values: Readonly<Record<string, unknown>> }[];

/** The draft with `text` mapped to `code`, or unmapped when `code` is empty. */
export function withAlias(draft: MappingDraft, text: string, code: string): MappingDraft {
  const rest = Object.fromEntries(Object.entries(draft.purposeAliases ?? {}).filter(([from]) => aliasOf(from, { [text]: '-' }) === undefined));
  const purposeAliases = code === '' ? rest : { ...rest, [text]: code };
  return { ...draft, purposeAliases };
}

export function PurposeMatches({
  rows,
  draft,
  onChange,
  onAddPurpose,
}: {
  readonly rows: Rows;
  readonly draft: MappingDraft;
  readonly onChange: (draft: MappingDraft) => void;
  /** Administrators only: adds the text to the catalog as a purpose of its own. */
  readonly onAddPurpose?: (text: string) => Promise<boolean>;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { purposes: catalog } = usePurposeCatalog();
  const [adding, setAdding] = useState<string | null>(null);
  if (catalog === null) return null;
  // Those the catalog matches by itself need nothing; those mapped stay listed, so the choice can be changed.
  const texts = consentPurposeTexts(mappingFromDraft(draft), rows).filter((text) => matchPurpose(text, catalog) === null);
  if (texts.length === 0) return null;
  const unmatched = texts.filter((text) => aliasOf(text, draft.purposeAliases) === undefined).length;

  return (
    <section className="purpose-matches" data-testid="purpose-matches" aria-labelledby="purpose-matches-title">
      <h3 className="subheading" id="purpose-matches-title">
        {t('import.mapping.purposeMatches.title')}
      </h3>
      <p className="form-note">
        {unmatched === 0 ? t('import.mapping.purposeMatches.allMatched') : t('import.mapping.purposeMatches.intro', { count: unmatched })}
      </p>
      <ul className="purpose-match-list">
        {texts.map((text) => {
          const code = aliasOf(text, draft.purposeAliases) ?? '';
          return (
            <li key={text} data-purpose-text={text}>
              <label>
                <span className="purpose-match-text">
                  {t('import.mapping.purposeMatches.text')} <q>{text}</q>
                </span>
                <select
                  value={code}
                  aria-label={t('import.mapping.purposeMatches.mapTo', { text })}
                  onChange={(event) => onChange(withAlias(draft, text, event.target.value))}
                >
                  <option value="">{t('import.mapping.purposeMatches.unmatched')}</option>
                  {catalog.map((purpose) => (
                    <option key={purpose.code} value={purpose.code}>
                      {purposeName(purpose, purpose.code, i18n.language)} ({purpose.code})
                    </option>
                  ))}
                </select>
              </label>
              {onAddPurpose !== undefined && code === '' ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={adding !== null}
                  aria-busy={adding === text || undefined}
                  onClick={() => {
                    setAdding(text);
                    void onAddPurpose(text).finally(() => setAdding(null));
                  }}
                >
                  {t('import.mapping.purposeMatches.add', { text })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
