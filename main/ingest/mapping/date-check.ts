/**
 * The mapping step's check of the chosen date formats against the preview rows, before the import
 * starts: a format that fits no till row would otherwise reject the whole file, one row at a time.
 * Renderer-safe (the contract re-exports it): no Node, only the pure normalizers.
 */
import { parseDate, type DateFormat, type DateKind } from '../normalize/date';
import { dayMonthPartner, detectDateFormat } from '../normalize/detect-format';
import { isBlank, rawText } from '../normalize/result';
import { isTimeZone } from '../normalize/time-zone';
import { mappingTimeZone, splitListPath, type Mapping, type TargetField } from './fields';
import { isPlainObject, readPath } from './paths';

export interface DateColumnCheck {
  readonly column: string;
  readonly kind: DateKind;
  /** The mapping's format for this column. */
  readonly format: DateFormat;
  /** Non-blank sample values. */
  readonly sampled: number;
  /** Sample values `format` rejects, and the first of them as written. */
  readonly failing: number;
  readonly example?: string;
  /** What the values themselves suggest, and how many of them it rejects. */
  readonly detected: DateFormat;
  readonly detectedFailing: number;
  /**
   * Every sample reads day-first and month-first: `followsCountry` when the chosen order is the
   * country's usual one, `againstCountry` when it is the other; `none` otherwise.
   */
  readonly ambiguity: 'none' | 'followsCountry' | 'againstCountry';
}

const DATE_FIELDS: Readonly<Partial<Record<TargetField, DateKind>>> = {
  'event.at': 'event',
  'consent.at': 'event',
  'consent.optInAt': 'event',
  'consent.confirmedAt': 'event',
  'consent.withdrawnAt': 'event',
  birthDate: 'birth',
};

/** A column's values in the sample rows, elements of a nested list (`orders[].date`) included. */
function valuesOf(rows: readonly { readonly values: Readonly<Record<string, unknown>> }[], column: string): unknown[] {
  const list = splitListPath(column);
  return rows.flatMap(({ values }) => {
    if (list === null) return [readPath(values, column)];
    const elements = readPath(values, list.list);
    return Array.isArray(elements)
      ? elements.map((element) => (list.inner === '' ? element : isPlainObject(element) ? readPath(element, list.inner) : undefined))
      : [];
  });
}

export function checkDateColumns(
  rows: readonly { readonly values: Readonly<Record<string, unknown>> }[],
  mapping: Pick<Mapping, 'columns' | 'dateFormat' | 'birthDateFormat' | 'defaultCountry' | 'timeZone'>,
  now: Date = new Date(),
): DateColumnCheck[] {
  const zone = mappingTimeZone(mapping);
  // A zone the runtime does not know would reject every value: the check is about formats, so UTC stands in.
  const timeZone = isTimeZone(zone) ? zone : 'UTC';
  const checks: DateColumnCheck[] = [];
  const seen = new Set<string>();
  for (const { column, field } of mapping.columns) {
    const kind = DATE_FIELDS[field];
    if (kind === undefined || seen.has(`${kind}\u0000${column}`)) continue;
    seen.add(`${kind}\u0000${column}`);
    const format = kind === 'birth' ? mapping.birthDateFormat : mapping.dateFormat;
    const samples = valuesOf(rows, column).filter((value) => !isBlank(value));
    const failed = samples.filter((value) => !parseDate(value, format, { kind, now, timeZone }).ok);
    const detection = detectDateFormat(samples, { kind, country: mapping.defaultCountry, now, fallback: format });
    const sameOrder = detection.format === format;
    const pairedOrder = dayMonthPartner(detection.format) === format;
    checks.push({
      column,
      kind,
      format,
      sampled: samples.length,
      failing: failed.length,
      ...(failed.length > 0 ? { example: rawText(failed[0]) } : {}),
      detected: detection.format,
      detectedFailing: detection.failing,
      ambiguity: !detection.ambiguous ? 'none' : sameOrder ? 'followsCountry' : pairedOrder ? 'againstCountry' : 'none',
    });
  }
  return checks;
}
