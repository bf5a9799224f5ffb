/** What a bulk correction is to read again, and how: its kind, the country or date format, the column. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../../components/country-select';
import { SelectField } from '../../components/field';
import { DATE_FORMAT_KEYS, DATE_FORMATS, type DateFormat } from '../../lib/mapping';
import type { CorrectionDraft, CorrectionKind } from '../../lib/quality';

interface Props {
  readonly draft: CorrectionDraft;
  readonly kinds: readonly CorrectionKind[];
  readonly columns: readonly string[];
  readonly disabled: boolean;
  readonly onChange: (draft: CorrectionDraft) => void;
}

export function CorrectionForm({ draft, kinds, columns, disabled, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="field-row three">
      <SelectField
        label={t('quality.correct.kind')}
        value={draft.kind}
        disabled={disabled}
        // Another kind reads other columns: the column chosen for the last one does not carry over.
        onChange={(event) => onChange({ ...draft, kind: event.target.value as CorrectionKind, column: '' })}
      >
        {kinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`quality.correct.kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      {draft.kind === 'dateFormat' ? (
        <SelectField
          label={t('quality.correct.format')}
          value={draft.format}
          disabled={disabled}
          onChange={(event) => onChange({ ...draft, format: event.target.value as DateFormat })}
        >
          {DATE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`import.dateFormats.${DATE_FORMAT_KEYS[format]}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <CountrySelect
          label={t(`quality.correct.${draft.kind}`)}
          value={draft.country}
          disabled={disabled}
          onChange={(country) => onChange({ ...draft, country })}
        />
      )}
      <SelectField
        label={t('quality.correct.column')}
        value={draft.column}
        disabled={disabled}
        onChange={(event) => onChange({ ...draft, column: event.target.value })}
      >
        <option value="">{t('quality.correct.allColumns')}</option>
        {columns.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
