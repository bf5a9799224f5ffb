/**
 * What an entry says, in the reader's language: its object by name and its details as labelled fields.
 * Entries keep ids only; the names come from `audit.names` when the trail is read, and a person is only
 * ever "Person 42": their name is personal data, and auditors read this.
 */
import type { TFunction } from 'i18next';
import type { AuditEntry, AuditFilter, AuditNames, MethodInput } from '../../../main/api/contract';
import { ROLES } from '../../../main/api/contract';
import { formatDate, formatDateTime, formatNumber, shortHash } from './format';

export const NO_NAMES: AuditNames = { users: {}, sources: {}, runs: {}, connectors: {} };

/** A value as shown, and the whole of it when the shown text is shortened (for the tooltip and the panel). */
export interface Shown {
  readonly text: string;
  readonly full?: string;
}

export interface DetailField {
  readonly key: string;
  readonly label: string;
  readonly value: Shown;
}

const HASH_KEYS = new Set(['fileSha256', 'sha256', 'backupSha256', 'fingerprint']);
const TIME_KEYS = new Set(['attemptedAt', 'backupCreatedAt', 'filterFrom', 'filterTo']);
const ROLE_KEYS = new Set(['role', 'from', 'to']);
const ACTION_KEYS = new Set(['filterAction']);
const LAWFUL_BASIS_KEYS = new Set(['lawfulBasisBefore', 'lawfulBasisAfter']);
/** What the object is and what it counted come first; the log stores keys in alphabetical order. */
const FIRST_KEYS = ['sourceId', 'runId', 'read', 'inserted', 'updated', 'unchanged', 'rejected', 'flagged', 'anonymous', 'held', 'suppressed', 'rows', 'results', 'records'];
const rank = (key: string): number => {
  const index = FIRST_KEYS.indexOf(key);
  return index === -1 ? FIRST_KEYS.length : index;
};
const HASH_SHOWN = 12;

export type NameRequest = Required<MethodInput<'audit.names'>>;

/** The ids a set of entries needs names for: their objects, and the ids among their details. */
export function nameRequest(entries: readonly AuditEntry[]): NameRequest {
  const request = { users: new Set<number>(), sources: new Set<number>(), runs: new Set<number>(), connectors: new Set<number>() };
  const add = (set: Set<number>, value: unknown): void => {
    const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
    if (id !== null) set.add(id);
  };
  const byType: Record<string, Set<number>> = { user: request.users, source: request.sources, import_run: request.runs, connector: request.connectors };
  for (const entry of entries) {
    const set = entry.objectType ? byType[entry.objectType] : undefined;
    if (set) add(set, entry.objectId);
    add(request.sources, entry.details['sourceId']);
    add(request.runs, entry.details['runId']);
    add(request.users, entry.details['filterActorId']);
  }
  return { users: [...request.users], sources: [...request.sources], runs: [...request.runs], connectors: [...request.connectors] };
}

/** An object by its name when known ("run 9 of “CRM”"), by its number otherwise. */
export function objectText(type: string | null, id: string | null, names: AuditNames, t: TFunction): Shown | null {
  if (!type) return null;
  if (id === null) return { text: t(`audit.objectTypes.${type}`, { defaultValue: type }) };
  switch (type) {
    case 'source': {
      const name = names.sources[id];
      return { text: name === undefined ? t('audit.objects.sourceId', { id }) : t('audit.objects.source', { name }) };
    }
    case 'import_run': {
      const run = names.runs[id];
      return { text: run === undefined ? t('audit.objects.runId', { id }) : t('audit.objects.run', { id, source: run.sourceName }) };
    }
    case 'connector': {
      const connector = names.connectors[id];
      return { text: connector === undefined ? t('audit.objects.connectorId', { id }) : t('audit.objects.connector', { source: connector.sourceName }) };
    }
    case 'user': {
      const name = names.users[id];
      return { text: name === undefined ? t('audit.objects.userId', { id }) : t('audit.objects.user', { name }) };
    }
    case 'profile':
      return { text: t('audit.objects.profile', { id }) };
    case 'vault':
      return { text: t('audit.objects.vault', { id: shortHash(id, 8) }), full: id };
    default:
      return { text: `${t(`audit.objectTypes.${type}`, { defaultValue: type })} #${id}` };
  }
}

function idValue(key: string, value: unknown, names: AuditNames, t: TFunction): Shown | null {
  const id = typeof value === 'number' || typeof value === 'string' ? String(value) : null;
  if (id === null) return null;
  if (key === 'sourceId') return objectText('source', id, names, t);
  if (key === 'runId') return objectText('import_run', id, names, t);
  if (key === 'filterActorId') return objectText('user', id, names, t);
  return null;
}

export function detailValue(key: string, value: unknown, names: AuditNames, t: TFunction, language: string): Shown {
  if (value === null || value === undefined) return { text: t('audit.values.none') };
  const named = idValue(key, value, names, t);
  if (named) return named;
  if (typeof value === 'boolean') return { text: t(value ? 'audit.values.yes' : 'audit.values.no') };
  if (typeof value === 'number') return { text: formatNumber(value, language) };
  if (Array.isArray(value)) return value.length === 0 ? { text: t('audit.values.none') } : { text: value.map(String).join(', ') };
  if (typeof value !== 'string') return { text: JSON.stringify(value) };
  if (HASH_KEYS.has(key) || /^[0-9a-f]{40,}$/.test(value)) {
    return value.length > HASH_SHOWN ? { text: shortHash(value, HASH_SHOWN), full: value } : { text: value };
  }
  if (TIME_KEYS.has(key)) return { text: formatDateTime(value, language), full: value };
  if (ROLE_KEYS.has(key) && (ROLES as readonly string[]).includes(value)) return { text: t(`roles.${value}`) };
  if (ACTION_KEYS.has(key)) return { text: t(`auditActions.${value}`, { defaultValue: value }) };
  if (LAWFUL_BASIS_KEYS.has(key)) return { text: t(`lawfulBasis.${value}`, { defaultValue: value }) };
  return { text: value };
}

/** Every detail, labelled in the reader's language; a key without a label shows as itself. */
export function detailFields(details: Readonly<Record<string, unknown>>, names: AuditNames, t: TFunction, language: string): DetailField[] {
  const keys = Object.keys(details).sort((a, b) => rank(a) - rank(b));
  return keys.map((key) => ({
    key,
    label: t(`audit.detailLabels.${key}`, { defaultValue: key }),
    value: detailValue(key, details[key], names, t, language),
  }));
}

/** The details on one line, for the table: "Read: 5 · Inserted: 5". */
export function detailSummary(fields: readonly DetailField[], t: TFunction): string {
  return fields.map((field) => t('audit.detailPair', { label: field.label, value: field.value.text })).join(' · ');
}

/**
 * The filters in words ("action = Import completed, actor = Audrey Auditor"), for what an export will
 * hold; empty when nothing narrows it.
 */
export function filterSummary(filter: AuditFilter, userNames: Readonly<Record<string, string>>, t: TFunction, language: string): string {
  const clause = (name: string, value: string): string => t('audit.filterSummary.clause', { name: t(`audit.filterSummary.${name}`), value });
  const clauses: string[] = [];
  if (filter.actorId !== undefined) clauses.push(clause('actorId', userNames[filter.actorId] ?? `#${filter.actorId}`));
  if (filter.action) clauses.push(clause('action', t(`auditActions.${filter.action}`, { defaultValue: filter.action })));
  if (filter.objectType === 'profile' && filter.objectId) clauses.push(clause('profile', t('audit.objects.profile', { id: filter.objectId })));
  else {
    if (filter.objectType) clauses.push(clause('objectType', t(`audit.objectTypes.${filter.objectType}`, { defaultValue: filter.objectType })));
    if (filter.objectId) clauses.push(clause('objectId', filter.objectId));
  }
  if (filter.from) clauses.push(clause('from', formatDate(filter.from, language)));
  if (filter.to) clauses.push(clause('to', formatDate(filter.to, language)));
  return clauses.join(', ');
}
