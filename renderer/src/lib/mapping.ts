/**
 * The mapping editor's model. The renderer may import only the API contract, so the target fields and
 * date formats are mirrored here; the types are taken from the contract, so a field added or removed
 * there stops this file compiling until it is mirrored (and e2e/mapping-fields.spec.ts checks the
 * groups and the labels against main/ingest/mapping/fields.ts).
 */
import { samplePaths, sampleValues, type Source } from '../../../main/api/contract';

export type Mapping = NonNullable<Source['mapping']>;
export type MappingColumn = Mapping['columns'][number];
export type TargetField = MappingColumn['field'];
export type DateFormat = Mapping['dateFormat'];
export type FieldGroup = 'identity' | 'consent' | 'event';

/** Every field exactly once, in the order the editor lists them; `satisfies` keeps the list complete. */
const FIELD_GROUP = {
  sourceRecordId: 'identity',
  givenName: 'identity',
  familyName: 'identity',
  fullName: 'identity',
  email: 'identity',
  phone: 'identity',
  street: 'identity',
  city: 'identity',
  postalCode: 'identity',
  region: 'identity',
  country: 'identity',
  birthDate: 'identity',
  nationalId: 'identity',
  language: 'identity',
  'consent.granted': 'consent',
  'consent.at': 'consent',
  'consent.purpose': 'consent',
  'consent.status': 'consent',
  'consent.optInAt': 'consent',
  'consent.confirmedAt': 'consent',
  'consent.withdrawnAt': 'consent',
  'event.type': 'event',
  'event.at': 'event',
  'event.amount': 'event',
  'event.currency': 'event',
  'event.place': 'event',
  'event.id': 'event',
} as const satisfies Readonly<Record<TargetField, FieldGroup>>;

export const FIELD_GROUPS: readonly FieldGroup[] = ['identity', 'consent', 'event'];
export const TARGET_FIELDS = Object.keys(FIELD_GROUP) as TargetField[];

export function fieldGroup(field: TargetField): FieldGroup {
  return FIELD_GROUP[field];
}

export function fieldsOf(group: FieldGroup): TargetField[] {
  return TARGET_FIELDS.filter((field) => FIELD_GROUP[field] === group);
}

/** Fields that take one value per row: mapping two columns to one of them would keep only one. */
const MULTIPLE: ReadonlySet<TargetField> = new Set<TargetField>(['email', 'phone', 'street']);

export const DATE_FORMATS = Object.keys({
  'YYYY-MM-DD': true,
  'DD/MM/YYYY': true,
  'MM/DD/YYYY': true,
  'DD.MM.YYYY': true,
  'DD-MM-YYYY': true,
  YYYYMMDD: true,
  iso: true,
  'excel-serial': true,
  'DD/MM/YYYY HH:MM': true,
  'MM/DD/YYYY HH:MM': true,
  'YYYY-MM-DD HH:MM': true,
  'DD.MM.YYYY HH:MM': true,
  'DD-MM-YYYY HH:MM': true,
} satisfies Record<DateFormat, true>) as DateFormat[];

/** The formats' keys under `import.dateFormats` (i18next keys cannot contain dots, which some formats do). */
export const DATE_FORMAT_KEYS: Readonly<Record<DateFormat, string>> = {
  'YYYY-MM-DD': 'ymd',
  'DD/MM/YYYY': 'dmySlash',
  'MM/DD/YYYY': 'mdySlash',
  'DD.MM.YYYY': 'dmyDot',
  'DD-MM-YYYY': 'dmyDash',
  YYYYMMDD: 'compact',
  iso: 'iso',
  'excel-serial': 'excel',
  'DD/MM/YYYY HH:MM': 'dmySlashTime',
  'MM/DD/YYYY HH:MM': 'mdySlashTime',
  'YYYY-MM-DD HH:MM': 'ymdTime',
  'DD.MM.YYYY HH:MM': 'dmyDotTime',
  'DD-MM-YYYY HH:MM': 'dmyDashTime',
};

/** Consent columns of a flat file carry their purpose in the mapping (one column per purpose). */
export function needsPurpose(field: TargetField | ''): boolean {
  return field !== '' && field.startsWith('consent.') && field !== 'consent.purpose';
}

/** One line of the editor: a column (a header, or a path into nested JSON) and where it goes. */
export interface MappingRow {
  readonly column: string;
  readonly field: TargetField | '';
  readonly purpose: string;
}

/** Every header once, in file order, with what the mapping does with it; then mapped paths that are not headers (nested JSON). */
export function rowsFromMapping(headers: readonly string[], mapping: Mapping): MappingRow[] {
  const rows: MappingRow[] = [];
  const used = new Set<number>();
  for (const header of headers) {
    const entries = mapping.columns.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.column === header);
    if (entries.length === 0) rows.push({ column: header, field: '', purpose: '' });
    for (const { entry, index } of entries) {
      used.add(index);
      rows.push({ column: header, field: entry.field, purpose: entry.purpose ?? '' });
    }
  }
  mapping.columns.forEach((entry, index) => {
    if (!used.has(index)) rows.push({ column: entry.column, field: entry.field, purpose: entry.purpose ?? '' });
  });
  return rows;
}

function isNested(column: string, mapping: Pick<Mapping, 'consentsPath'>): boolean {
  return mapping.consentsPath !== undefined && column.startsWith(`${mapping.consentsPath}[].`);
}

/** The editor's rows back into the mapping's columns; unmapped rows are left out. */
export function columnsFromRows(rows: readonly MappingRow[]): MappingColumn[] {
  return rows
    .filter((row): row is MappingRow & { field: TargetField } => row.field !== '')
    .map((row) =>
      needsPurpose(row.field) && row.purpose.trim() !== ''
        ? { column: row.column, field: row.field, purpose: row.purpose.trim() }
        : { column: row.column, field: row.field },
    );
}

/** Same rule as the contract's Purpose: a short name without dots or brackets. */
const PURPOSE = /^[^\s.[\]][^.[\]]*$/u;

export type RowProblem = 'purposeMissing' | 'purposeInvalid' | 'duplicate';

/** What the editor flags before the backend would refuse the mapping (or silently keep one of two values). */
export function rowProblems(rows: readonly MappingRow[], mapping: Pick<Mapping, 'consentsPath'>): ReadonlyMap<number, RowProblem> {
  const problems = new Map<number, RowProblem>();
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.field === '') return;
    if (needsPurpose(row.field) && !isNested(row.column, mapping)) {
      const purpose = row.purpose.trim();
      if (purpose === '') problems.set(index, 'purposeMissing');
      else if (!PURPOSE.test(purpose) || purpose.length > 100) problems.set(index, 'purposeInvalid');
    }
    if (!MULTIPLE.has(row.field)) {
      // Consent fields repeat legitimately, once per purpose.
      const key = needsPurpose(row.field) ? `${row.field}\u0000${row.purpose.trim()}` : row.field;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else if (!problems.has(index)) problems.set(index, 'duplicate');
    }
  });
  return problems;
}

/** Everything the editor lets the user change, plus what it keeps as it came (the JSON list paths). */
export interface MappingDraft {
  readonly rows: readonly MappingRow[];
  readonly recordKey: string;
  readonly dateFormat: DateFormat;
  readonly birthDateFormat: DateFormat;
  readonly defaultCountry: string;
  /** An IANA zone, or '' for the country's main one (left out of the mapping, so it follows the country). */
  readonly timeZone: string;
  readonly decimal: ',' | '.';
  readonly eventType: string;
  readonly eventsPath?: string;
  readonly consentsPath?: string;
  /** The source's purpose texts mapped to catalog codes (the mapping's `purposeAliases`). */
  readonly purposeAliases?: Readonly<Record<string, string>>;
}

export function draftFromMapping(headers: readonly string[], mapping: Mapping): MappingDraft {
  return {
    rows: rowsFromMapping(headers, mapping),
    recordKey: mapping.recordKey,
    dateFormat: mapping.dateFormat,
    birthDateFormat: mapping.birthDateFormat,
    defaultCountry: mapping.defaultCountry,
    timeZone: mapping.timeZone ?? '',
    decimal: mapping.decimal ?? '.',
    eventType: mapping.eventType ?? '',
    ...(mapping.eventsPath === undefined ? {} : { eventsPath: mapping.eventsPath }),
    ...(mapping.consentsPath === undefined ? {} : { consentsPath: mapping.consentsPath }),
    ...(mapping.purposeAliases === undefined ? {} : { purposeAliases: mapping.purposeAliases }),
  };
}

export function mappingFromDraft(draft: MappingDraft): Mapping {
  const eventType = draft.eventType.trim();
  return {
    version: 1,
    columns: columnsFromRows(draft.rows),
    recordKey: draft.recordKey,
    dateFormat: draft.dateFormat,
    birthDateFormat: draft.birthDateFormat,
    defaultCountry: draft.defaultCountry,
    ...(draft.timeZone === '' ? {} : { timeZone: draft.timeZone }),
    decimal: draft.decimal,
    ...(draft.eventsPath === undefined ? {} : { eventsPath: draft.eventsPath }),
    ...(draft.consentsPath === undefined ? {} : { consentsPath: draft.consentsPath }),
    ...(eventType === '' ? {} : { eventType }),
    ...(draft.purposeAliases === undefined || Object.keys(draft.purposeAliases).length === 0 ? {} : { purposeAliases: { ...draft.purposeAliases } }),
  };
}

/** A column of a saved mapping that this file does not have (renamed or dropped in a new export). */
export function missingFromFile(column: string, headers: readonly string[]): boolean {
  if (headers.includes(column)) return false;
  const root = column.split(/\[\]|\./)[0] ?? column;
  return !headers.includes(root);
}

type SampleRows = readonly { readonly values: Readonly<Record<string, unknown>> }[];

/**
 * Sample values of a column in the preview rows: a plain key first, else a dotted path (`customer.email`);
 * for a list path (`orders[].total`, `emails[]`), the values inside the list's elements.
 */
export function samplesOf(rows: SampleRows, column: string, max = 3): unknown[] {
  return sampleValues(rows, column, max);
}

/** Paths of the sample rows the editor has no line for yet (`name.given`, `orders[].placed_at`): the steward may add them. */
export function addablePaths(rows: SampleRows, draft: Pick<MappingDraft, 'rows'>): string[] {
  const listed = new Set(draft.rows.map((row) => row.column));
  return samplePaths(rows).filter((path) => !listed.has(path));
}

/**
 * A column inside a list (`orders[].placed_at`) is read only from the mapping's events or consents list:
 * mapping the first one to an event or consent field names its list as that, so the mapping is valid.
 */
export function withListPaths(draft: MappingDraft): MappingDraft {
  let { eventsPath, consentsPath } = draft;
  for (const row of draft.rows) {
    const at = row.column.indexOf('[].');
    if (row.field === '' || at <= 0) continue;
    const list = row.column.slice(0, at);
    if (list === eventsPath || list === consentsPath) continue;
    const group = fieldGroup(row.field);
    if (group === 'event' && eventsPath === undefined) eventsPath = list;
    else if (group === 'consent' && consentsPath === undefined) consentsPath = list;
  }
  if (eventsPath === draft.eventsPath && consentsPath === draft.consentsPath) return draft;
  return { ...draft, ...(eventsPath === undefined ? {} : { eventsPath }), ...(consentsPath === undefined ? {} : { consentsPath }) };
}
