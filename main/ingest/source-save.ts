/**
 * sources.save: a steward edits a source's declaration and saved mapping without importing a file,
 * audited as every other save of a source is (source-audit.ts).
 */
import type { ingestMethods, Source } from './contract';
import type { z } from 'zod';
import type { VaultService } from '../vault/index';
import { saveSourceAudited } from './source-audit';
import { findSource, inDeclaredCountry } from './sources';

type SaveInput = z.input<(typeof ingestMethods)['sources.save']['input']>;

export function saveSourceEdited(vaults: VaultService, input: SaveInput, stamp: string): Source {
  const vault = vaults.current();
  return vault.db.transaction(() => {
    const before = findSource(vault.db, input.name);
    // Left out, the saved mapping stays; it still follows a newly declared country.
    const given = input.mapping === undefined ? (before?.mapping ?? null) : input.mapping;
    const { name, purposes, lawfulBasis, defaultCountry } = input;
    const mapping = inDeclaredCountry(given, defaultCountry);
    return saveSourceAudited(vault, { name, kind: before?.kind ?? 'file', purposes, lawfulBasis, defaultCountry, mapping }, stamp);
  });
}
