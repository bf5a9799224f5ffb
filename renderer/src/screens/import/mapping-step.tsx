/**
 * Step 4: the mapping, one line per column of the file: which field of the vault it feeds (or none), and
 * for a consent column, the purpose it records. Below, what applies to the whole file: the column that
 * identifies a customer, date formats, the decimal separator and the default country. The mapping is
 * saved with the source, so the next file from it starts from here.
 *
 * The Sources screen reuses it to review a connector's mapping next to rows the connector read, and a file
 * source's saved mapping with no file at hand: `labels` then replaces the import's wording of the notice,
 * the heading, the two buttons, the columns missing from the sample and the columns without values (there
 * is no "file" to speak of).
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/alert';
import { CountrySelect } from '../../components/country-select';
import { SelectField, TextField } from '../../components/field';
import { cellText } from '../../lib/format';
import {
  DATE_FORMAT_KEYS,
  DATE_FORMATS,
  FIELD_GROUPS,
  fieldGroup,
  fieldsOf,
  missingFromFile,
  needsPurpose,
  rowProblems,
  samplesOf,
  withListPaths,
  type DateFormat,
  type MappingDraft,
  type MappingRow,
  type RowProblem,
  type TargetField,
} from '../../lib/mapping';
import { DateFormatCheck, TimeZoneSelect } from './date-format-check';
import { AddColumn } from './add-column';
import { PurposeMatches } from './purpose-matches';
import type { FilePreview } from './import-types';

export type DraftProblem = 'noColumns' | 'noRecordKey' | 'rows';

export function draftProblem(draft: MappingDraft): DraftProblem | null {
  if (!draft.rows.some((row) => row.field !== '')) return 'noColumns';
  if (draft.recordKey === '' || !draft.rows.some((row) => row.column === draft.recordKey)) return 'noRecordKey';
  return rowProblems(draft.rows, draft).size > 0 ? 'rows' : null;
}

function FieldOptions(): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('import.mapping.notImported')}</option>
      {FIELD_GROUPS.map((group) => (
        <optgroup key={group} label={t(`fieldGroups.${group}`)}>
          {fieldsOf(group).map((field) => (
            <option key={field} value={field}>
              {t(`fields.${field.replace('.', '_')}`)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

function MappingLine({
  row,
  samples,
  missing,
  missingLabel,
  noSamplesLabel,
  problem,
  showErrors,
  onChange,
}: {
  readonly row: MappingRow;
  readonly samples: readonly unknown[];
  readonly missing: boolean;
  readonly missingLabel: string | undefined;
  readonly noSamplesLabel: string | undefined;
  readonly problem: RowProblem | undefined;
  readonly showErrors: boolean;
  readonly onChange: (row: MappingRow) => void;
}): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const shownProblem = problem && (showErrors || problem === 'duplicate') ? problem : undefined;
  const sampleText = samples.map(cellText).join(' · ');
  return (
    <tr data-column={row.column} className={row.field === '' ? 'row-unmapped' : undefined}>
      <th scope="row">
        <span className="column-name">{row.column}</span>
        {missing ? <span className="tag tag-warning">{missingLabel ?? t('import.mapping.notInFile')}</span> : null}
      </th>
      <td className="samples" title={sampleText || undefined}>
        {sampleText || <span className="muted">{noSamplesLabel ?? t('import.mapping.noSamples')}</span>}
      </td>
      <td>
        <label htmlFor={`${id}-field`} className="visually-hidden">
          {t('import.mapping.fieldFor', { column: row.column })}
        </label>
        <select
          id={`${id}-field`}
          className="select"
          value={row.field}
          data-group={row.field === '' ? 'none' : fieldGroup(row.field)}
          aria-invalid={shownProblem === 'duplicate' ? true : undefined}
          aria-describedby={shownProblem === 'duplicate' ? `${id}-problem` : undefined}
          onChange={(event) => onChange({ ...row, field: event.target.value as TargetField | '' })}
        >
          <FieldOptions />
        </select>
        {shownProblem === 'duplicate' ? (
          <div className="field-error" id={`${id}-problem`}>
            {t('import.mapping.problems.duplicate')}
          </div>
        ) : null}
      </td>
      <td>
        {needsPurpose(row.field) ? (
          <>
            <label htmlFor={`${id}-purpose`} className="visually-hidden">
              {t('import.mapping.purposeFor', { column: row.column })}
            </label>
            <input
              id={`${id}-purpose`}
              className="input"
              value={row.purpose}
              maxLength={100}
              placeholder={t('import.mapping.purposePlaceholder')}
              aria-invalid={shownProblem && shownProblem !== 'duplicate' ? true : undefined}
              aria-describedby={shownProblem && shownProblem !== 'duplicate' ? `${id}-problem` : undefined}
              onChange={(event) => onChange({ ...row, purpose: event.target.value })}
            />
            {shownProblem && shownProblem !== 'duplicate' ? (
              <div className="field-error" id={`${id}-problem`}>
                {t(`import.mapping.problems.${shownProblem}`)}
              </div>
            ) : null}
          </>
        ) : (
          // aria-label is ignored on a plain span: the dash is hidden and the words said instead.
          <>
            <span className="muted" aria-hidden="true">
              —
            </span>
            <span className="visually-hidden">{t('import.mapping.noPurpose')}</span>
          </>
        )}
      </td>
    </tr>
  );
}

/** Wording that differs when the editor is not part of a file import. */
export interface MappingStepLabels {
  readonly notice?: string;
  readonly whole?: string;
  readonly back?: string;
  readonly run?: string;
  /** The tag on a column the mapping uses that the sample rows lack. */
  readonly notInSample?: string;
  /** The warning listing those columns (`columns` joined by commas). */
  readonly missingColumns?: (count: number, columns: string) => string;
  /** In place of the sample values of a column that has none. */
  readonly noSamples?: string;
}

interface Props {
  /** Headers and sample rows: a file's preview, or what a connector test read. */
  readonly preview: Pick<FilePreview, 'headers' | 'rows'>;
  readonly draft: MappingDraft;
  readonly mappingFrom: FilePreview['mappingFrom'];
  readonly sourceName: string;
  readonly showErrors: boolean;
  readonly onChange: (draft: MappingDraft) => void;
  readonly onBack: () => void;
  readonly onRun: () => void;
  readonly labels?: MappingStepLabels;
  /** While the run button's action is under way: the button is disabled. */
  readonly busy?: boolean;
  /** Administrators: adds a purpose text of the file to the catalog (the list of unmatched purposes offers it). */
  readonly onAddPurpose?: (text: string) => Promise<boolean>;
}

export function MappingStep({
  preview,
  draft,
  mappingFrom,
  sourceName,
  showErrors,
  onChange,
  onBack,
  onRun,
  labels,
  busy = false,
  onAddPurpose,
}: Props): ReactNode {
  const { t } = useTranslation();
  const problems = rowProblems(draft.rows, draft);
  const problem = showErrors ? draftProblem(draft) : null;
  const columns = [...new Set(draft.rows.map((row) => row.column))];
  const mapped = draft.rows.filter((row) => row.field !== '');
  const hasEvents = mapped.some((row) => row.field !== '' && fieldGroup(row.field) === 'event');
  const hasDates = mapped.some((row) => ['event.at', 'consent.at', 'consent.optInAt', 'consent.confirmedAt', 'consent.withdrawnAt'].includes(row.field));
  const hasBirthDate = mapped.some((row) => row.field === 'birthDate');
  const missing = draft.rows.filter((row) => row.field !== '' && missingFromFile(row.column, preview.headers)).map((row) => row.column);

  const setRow = (index: number, row: MappingRow): void =>
    onChange(withListPaths({ ...draft, rows: draft.rows.map((item, at) => (at === index ? row : item)) }));

  return (
    <div className="stack">
      {labels?.notice !== undefined ? (
        <Notice tone="info" testId="mapping-from">
          {labels.notice}
        </Notice>
      ) : mappingFrom === 'source' ? (
        <Notice tone="info" testId="mapping-from">
          {t('import.mapping.fromSource', { source: sourceName })}
        </Notice>
      ) : (
        <Notice tone="info" testId="mapping-from">
          {t('import.mapping.suggested')}
        </Notice>
      )}
      {missing.length > 0 ? (
        <Notice tone="warning">
          {labels?.missingColumns?.(missing.length, missing.join(', ')) ??
            t('import.mapping.missingColumns', { count: missing.length, columns: missing.join(', ') })}
        </Notice>
      ) : null}
      <div className="table-wrap">
        <table className="table mapping-table" data-testid="mapping-table">
          <caption className="visually-hidden">{t('import.mapping.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.mapping.columns.column')}</th>
              <th scope="col">{t('import.mapping.columns.samples')}</th>
              <th scope="col">{t('import.mapping.columns.field')}</th>
              <th scope="col">{t('import.mapping.columns.purpose')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.rows.map((row, index) => (
              <MappingLine
                key={`${row.column}-${index}`}
                row={row}
                samples={samplesOf(preview.rows, row.column)}
                missing={missingFromFile(row.column, preview.headers)}
                missingLabel={labels?.notInSample}
                noSamplesLabel={labels?.noSamples}
                problem={problems.get(index)}
                showErrors={showErrors}
                onChange={(next) => setRow(index, next)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <AddColumn rows={preview.rows} draft={draft} onAdd={(column) => onChange({ ...draft, rows: [...draft.rows, { column, field: '', purpose: '' }] })} />
      <PurposeMatches rows={preview.rows} draft={draft} onChange={onChange} {...(onAddPurpose === undefined ? {} : { onAddPurpose })} />

      <h3 className="subheading">{labels?.whole ?? t('import.mapping.wholeFile')}</h3>
      <div className="settings-grid">
        <SelectField
          label={t('import.mapping.recordKey')}
          hint={t('import.mapping.recordKeyHint')}
          value={draft.recordKey}
          error={problem === 'noRecordKey' ? t('import.mapping.problems.noRecordKey') : null}
          onChange={(event) => onChange({ ...draft, recordKey: event.target.value })}
        >
          {columns.includes(draft.recordKey) ? null : <option value="">{t('import.mapping.chooseColumn')}</option>}
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </SelectField>
        <CountrySelect
          label={t('import.mapping.defaultCountry')}
          hint={t('import.mapping.defaultCountryHint')}
          value={draft.defaultCountry}
          onChange={(code) => code && onChange({ ...draft, defaultCountry: code })}
        />
        <SelectField
          label={t('import.mapping.dateFormat')}
          hint={hasDates ? t('import.mapping.dateFormatHint') : t('import.mapping.unused')}
          value={draft.dateFormat}
          onChange={(event) => onChange({ ...draft, dateFormat: event.target.value as DateFormat })}
        >
          {DATE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`import.dateFormats.${DATE_FORMAT_KEYS[format]}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('import.mapping.birthDateFormat')}
          hint={hasBirthDate ? undefined : t('import.mapping.unused')}
          value={draft.birthDateFormat}
          onChange={(event) => onChange({ ...draft, birthDateFormat: event.target.value as DateFormat })}
        >
          {DATE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`import.dateFormats.${DATE_FORMAT_KEYS[format]}`)}
            </option>
          ))}
        </SelectField>
        <TimeZoneSelect draft={draft} hint={hasDates ? undefined : t('import.mapping.unused')} onChange={onChange} />
        <SelectField
          label={t('import.mapping.decimal')}
          hint={hasEvents ? t('import.mapping.decimalHint') : t('import.mapping.unused')}
          value={draft.decimal}
          onChange={(event) => onChange({ ...draft, decimal: event.target.value === ',' ? ',' : '.' })}
        >
          <option value=".">{t('import.mapping.decimalPoint')}</option>
          <option value=",">{t('import.mapping.decimalComma')}</option>
        </SelectField>
        {hasEvents ? (
          <TextField
            label={t('import.mapping.eventType')}
            hint={t('import.mapping.eventTypeHint')}
            value={draft.eventType}
            maxLength={100}
            placeholder="purchase"
            onChange={(event) => onChange({ ...draft, eventType: event.target.value })}
          />
        ) : null}
      </div>

      <DateFormatCheck rows={preview.rows} draft={draft} onChange={onChange} />

      {problem === 'noColumns' || problem === 'rows' ? (
        <div className="alert alert-error" role="alert" data-testid="mapping-problem">
          {t(problem === 'noColumns' ? 'import.mapping.problems.noColumns' : 'import.mapping.problems.rows')}
        </div>
      ) : null}
      <div className="form-actions spread">
        <button type="button" className="button" onClick={onBack}>
          {labels?.back ?? t('import.back')}
        </button>
        <button type="button" className="button button-primary" disabled={busy} aria-busy={busy || undefined} onClick={onRun}>
          {labels?.run ?? t('import.mapping.run')}
        </button>
      </div>
    </div>
  );
}
