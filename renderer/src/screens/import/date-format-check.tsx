/**
 * Under the date formats of the mapping step: how each mapped date column's sample values fare with the
 * chosen format, before the import runs (a day-only format rejects every row of a till export with
 * times), and the source's time zone for local times.
 */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDateColumns, defaultTimeZone, timeZoneNames, type DateColumnCheck } from '../../../../main/api/contract';
import { SelectField } from '../../components/field';
import { countryName } from '../../lib/countries';
import { DATE_FORMAT_KEYS, mappingFromDraft, type DateFormat, type MappingDraft } from '../../lib/mapping';
import type { FilePreview } from './import-types';

const DAY_FIRST: ReadonlySet<DateFormat> = new Set(['DD/MM/YYYY', 'DD/MM/YYYY HH:MM']);

function useFormatName(): (format: DateFormat) => string {
  const { t } = useTranslation();
  // The select's labels end with an example in brackets, which would only clutter a sentence.
  return (format) => t(`import.dateFormats.${DATE_FORMAT_KEYS[format]}`).replace(/\s*\([^)]*\)$/, '');
}

function CheckLine({ check, country, onUse }: { readonly check: DateColumnCheck; readonly country: string; readonly onUse: (check: DateColumnCheck) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const formatName = useFormatName();
  const format = formatName(check.format);
  const { column } = check;
  const better = check.detected !== check.format && check.detectedFailing < check.failing;
  // Both orders read every sample: the country's is offered, with no claim that it fits better.
  const offer = better || check.ambiguity === 'againstCountry';
  const order = t(DAY_FIRST.has(check.format) ? 'import.mapping.dateCheck.dayMonth' : 'import.mapping.dateCheck.monthDay');
  const usualOrder = t(DAY_FIRST.has(check.format) ? 'import.mapping.dateCheck.monthDay' : 'import.mapping.dateCheck.dayMonth');
  const countryLabel = countryName(country, i18n.language);
  return (
    <li data-column={column} data-failing={check.failing} className={check.failing > 0 ? 'date-check-failing' : undefined}>
      {check.sampled === 0
        ? t('import.mapping.dateCheck.noSamples', { column })
        : check.failing === 0
          ? t('import.mapping.dateCheck.fits', { column, count: check.sampled, format })
          : t('import.mapping.dateCheck.failing', { column, count: check.failing, total: check.sampled, format, example: check.example ?? '' })}
      {check.ambiguity === 'followsCountry' ? <> {t('import.mapping.dateCheck.followsCountry', { order, country: countryLabel })}</> : null}
      {check.ambiguity === 'againstCountry' ? <> {t('import.mapping.dateCheck.againstCountry', { order: usualOrder, country: countryLabel })}</> : null}
      {better ? (
        <>
          {' '}
          {check.detectedFailing === 0
            ? t('import.mapping.dateCheck.detectedAll', { format: formatName(check.detected) })
            : t('import.mapping.dateCheck.detectedMore', { format: formatName(check.detected), count: check.detectedFailing })}
        </>
      ) : null}
      {offer ? (
        <>
          {' '}
          <button type="button" className="button button-small" onClick={() => onUse(check)}>
            {t('import.mapping.dateCheck.useFormat', { format: formatName(check.detected) })}
          </button>
        </>
      ) : null}
    </li>
  );
}

/** The draft with the format a column's values suggest, in the setting that column follows. */
export function adoptDetected(draft: MappingDraft, check: Pick<DateColumnCheck, 'kind' | 'detected'>): MappingDraft {
  return check.kind === 'birth' ? { ...draft, birthDateFormat: check.detected } : { ...draft, dateFormat: check.detected };
}

type DatePart = Parameters<typeof checkDateColumns>[1];

interface Props {
  readonly rows: FilePreview['rows'];
  readonly draft: MappingDraft;
  readonly onChange: (draft: MappingDraft) => void;
}

export function DateFormatCheck({ rows, draft, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  // Only what the check reads, as the memo's key: typing an event type must not re-read every sample with every format.
  const { columns, dateFormat, birthDateFormat, defaultCountry, timeZone } = mappingFromDraft(draft);
  const read: DatePart = { columns, dateFormat, birthDateFormat, defaultCountry, ...(timeZone === undefined ? {} : { timeZone }) };
  const key = JSON.stringify(read);
  const checks = useMemo(() => checkDateColumns(rows, JSON.parse(key) as DatePart), [rows, key]);
  // A saved mapping reviewed without a file has nothing to check against.
  if (checks.length === 0 || rows.length === 0) return null;
  const failing = checks.some((check) => check.failing > 0);
  const use = (check: DateColumnCheck) => onChange(adoptDetected(draft, check));
  return (
    <div className={`alert alert-${failing ? 'warning' : 'info'}`} role="status" data-testid="date-format-check">
      <ul aria-label={t('import.mapping.dateCheck.label')} className="plain-list">
        {checks.map((check) => (
          <CheckLine key={`${check.kind}-${check.column}`} check={check} country={draft.defaultCountry} onUse={use} />
        ))}
      </ul>
    </div>
  );
}

/** The zone of local times; empty follows the country, so a mapping moved to another country moves its zone too. */
export function TimeZoneSelect({ draft, hint, onChange }: { readonly draft: MappingDraft; readonly hint?: string; readonly onChange: (draft: MappingDraft) => void }): ReactNode {
  const { t } = useTranslation();
  const names = useMemo(() => timeZoneNames(), []);
  const own = draft.timeZone !== '' && !names.includes(draft.timeZone) ? [draft.timeZone] : [];
  return (
    <SelectField
      label={t('import.mapping.timeZone')}
      hint={hint ?? t('import.mapping.timeZoneHint')}
      value={draft.timeZone}
      onChange={(event) => onChange({ ...draft, timeZone: event.target.value })}
    >
      <option value="">{t('import.mapping.timeZoneDefault', { zone: defaultTimeZone(draft.defaultCountry) })}</option>
      {[...own, ...names].map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
