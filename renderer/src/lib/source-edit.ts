/**
 * The Sources screen's editor of a source: its declaration and, for a file source, its saved mapping,
 * edited without a file at hand. The declaration and the mapping keep one country, as the backend does
 * (it moves the mapping's country to the declared one), so the editor shows what will be saved.
 */
import type { MethodInput, Source } from '../../../main/api/contract';
import { declarationOf, sameDeclaration, type Declaration } from '../components/declaration-fields';
import { draftFromMapping, mappingFromDraft, type Mapping, type MappingDraft } from './mapping';

export type SaveInput = MethodInput<'sources.save'>;

/** Connectors' mappings are reviewed next to the rows their connector reads, from the connector's card. */
export function editsMapping(source: Source): source is Source & { readonly mapping: Mapping } {
  return source.kind === 'file' && source.mapping !== null;
}

/** Without a file, the saved mapping's own columns stand for the headers. */
export function savedHeaders(mapping: Mapping): string[] {
  return [...new Set(mapping.columns.map((column) => column.column))];
}

export function inCountry(draft: MappingDraft, country: string | null): MappingDraft {
  return country === null || country === draft.defaultCountry ? draft : { ...draft, defaultCountry: country };
}

/** The saved mapping as the editor opens it, in the source's declared country. */
export function initialDraft(source: Source): MappingDraft | null {
  return editsMapping(source) ? inCountry(draftFromMapping(savedHeaders(source.mapping), source.mapping), source.defaultCountry) : null;
}

/** The same edits laid over a file's headers: its other columns show up unmapped, ready to be mapped. */
export function draftOverHeaders(draft: MappingDraft, headers: readonly string[]): MappingDraft {
  return draftFromMapping(headers, mappingFromDraft(draft));
}

function canonical(mapping: Mapping): string {
  const columns = mapping.columns.map((column) => JSON.stringify([column.column, column.field, column.purpose ?? null])).sort();
  const rest = Object.entries({ ...mapping, columns: undefined, decimal: mapping.decimal ?? '.' })
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([columns, rest]);
}

/** Column order and an absent decimal separator (read as `.`) are no change. */
export function sameMapping(a: Mapping, b: Mapping): boolean {
  return canonical(a) === canonical(b);
}

/**
 * What sources.save gets, or null when nothing changed. The mapping is sent only when the steward
 * changed it, so the audit entry says "mapping changed" only then.
 */
export function saveInput(source: Source, declaration: Declaration, draft: MappingDraft | null): SaveInput | null {
  const opened = initialDraft(source);
  const mapping = draft && opened && !sameMapping(mappingFromDraft(draft), mappingFromDraft(opened)) ? mappingFromDraft(draft) : undefined;
  if (mapping === undefined && sameDeclaration(declaration, declarationOf(source))) return null;
  return {
    name: source.name,
    purposes: [...declaration.purposes],
    lawfulBasis: declaration.lawfulBasis,
    defaultCountry: declaration.defaultCountry,
    ...(mapping === undefined ? {} : { mapping }),
  };
}
