/**
 * sources.save: a steward edits a source's declaration and saved mapping without importing a file. The
 * audit entry says what the declaration was and became, and only whether the mapping changed: a mapping
 * names columns, and the trail has no use for them.
 */
import type { MethodInput, Source } from '../api/contract';
import type { AuditDetails } from '../audit/actions';
import { canonicalJson } from '../audit/chain';
import type { VaultService } from '../vault/vault-service';
import type { Mapping } from './mapping/fields';
import { findSource, inDeclaredCountry, saveSource } from './sources';

type SaveInput = MethodInput<'sources.save'>;

const DECLARATION_FIELDS = ['purposes', 'lawfulBasis', 'defaultCountry'] as const;

/** Key order differs between a suggested mapping and one parsed from the contract: compare them by content. */
function sameMapping(a: Mapping | null, b: Mapping | null): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function changeDetails(kind: Source['kind'], before: Source | null, after: Source): AuditDetails {
  const changed: string[] = DECLARATION_FIELDS.filter((field) => canonicalJson(before?.[field] ?? null) !== canonicalJson(after[field]));
  const mappingChanged = !sameMapping(before?.mapping ?? null, after.mapping);
  if (mappingChanged) changed.push('mapping');
  return {
    kind,
    created: before === null,
    changed,
    purposesBefore: before ? [...before.purposes] : null,
    purposesAfter: [...after.purposes],
    lawfulBasisBefore: before?.lawfulBasis ?? null,
    lawfulBasisAfter: after.lawfulBasis,
    defaultCountryBefore: before?.defaultCountry ?? null,
    defaultCountryAfter: after.defaultCountry,
    mappingChanged,
  };
}

export function saveSourceEdited(vaults: VaultService, input: SaveInput, stamp: string): Source {
  const { source } = vaults.mutate<{ readonly source: Source; readonly details: AuditDetails }>(
    ({ source: saved, details }) => ({ action: 'source.saved', objectType: 'source', objectId: saved.id, details }),
    ({ db }) => {
      const before = findSource(db, input.name);
      const kind = before?.kind ?? 'file';
      // Left out, the saved mapping stays; it still follows a newly declared country.
      const given = input.mapping === undefined ? (before?.mapping ?? null) : input.mapping;
      const mapping = given === null ? null : inDeclaredCountry(given, input.defaultCountry);
      const { name, purposes, lawfulBasis, defaultCountry } = input;
      const saved = saveSource(db, { name, kind, purposes, lawfulBasis, defaultCountry, mapping }, stamp);
      return { source: saved, details: changeDetails(kind, before, saved) };
    },
  );
  return source;
}
