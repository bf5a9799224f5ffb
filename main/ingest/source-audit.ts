/**
 * The one audit entry of a source save, whoever saves it (sources.save, an import, a connector added,
 * updated or synced): what the declaration was and became, and only whether the mapping changed. A
 * mapping names columns, and the trail has no use for them.
 */
import type { Source } from './contract';
import type { AuditDetails } from '../audit/index';
import { canonicalJson } from '../audit/index';
import type { OpenVault } from '../vault/index';
import type { Mapping } from './mapping/fields';
import { findSource, saveSource, type SourceInput } from './sources';

const DECLARATION_FIELDS = ['purposes', 'lawfulBasis', 'defaultCountry'] as const;

/** Key order differs between a suggested mapping and one parsed from the contract: compare them by content. */
export function sameMapping(a: Mapping | null, b: Mapping | null): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A purpose and its basis as the trail keeps it, in the command line's shape: `email marketing=consent`. */
function declared({ purpose, basis }: Source['purposes'][number]): string {
  return `${purpose}=${basis}`;
}

/**
 * `mappingSuggested`: the mapping saved is one Custodia suggested from the rows, not one a person gave;
 * the entry's actor only ran the import or the sync.
 */
export function sourceSaveDetails(before: Source | null, after: Source, mappingSuggested = false): AuditDetails {
  const changed: string[] = DECLARATION_FIELDS.filter((field) => canonicalJson(before?.[field] ?? null) !== canonicalJson(after[field]));
  const mappingChanged = !sameMapping(before?.mapping ?? null, after.mapping);
  if (mappingChanged) changed.push('mapping');
  return {
    kind: after.kind,
    created: before === null,
    changed,
    purposesBefore: before ? before.purposes.map(declared) : null,
    purposesAfter: after.purposes.map(declared),
    lawfulBasisBefore: before?.lawfulBasis ?? null,
    lawfulBasisAfter: after.lawfulBasis,
    defaultCountryBefore: before?.defaultCountry ?? null,
    defaultCountryAfter: after.defaultCountry,
    mappingChanged,
    mappingSuggested: mappingChanged && mappingSuggested,
  };
}

/** saveSource plus its audit entry, inside the caller's transaction. */
export function saveSourceAudited(
  vault: Pick<OpenVault, 'db' | 'audit' | 'user'>,
  input: SourceInput,
  stamp: string,
  { mappingSuggested = false }: { readonly mappingSuggested?: boolean } = {},
): Source {
  const before = findSource(vault.db, input.name);
  const source = saveSource(vault.db, input, stamp);
  vault.audit.append({
    action: 'source.saved',
    actorId: vault.user.id,
    objectType: 'source',
    objectId: source.id,
    details: sourceSaveDetails(before, source, mappingSuggested),
  });
  return source;
}
