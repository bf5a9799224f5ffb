/** Sources: where data comes from, with its declared purposes, lawful basis and saved column mapping. */
import type { LawfulBasis } from '../consent/contract';
import { checkPurposeAliases, declareSourcePurposes } from '../consent/index';
import { withBases, type DeclaredPurpose, type PurposeGiven, type RunSummary, type SavedReadOptions, type Source } from './contract';
import { AppError } from '../core/errors';
import { foldUserName } from '../store/keyslots';
import { sql, type SqlRunner } from '../store/sql';
import type { Mapping } from './mapping/fields';
import { getRun } from './runs';

interface SourceRow {
  id: number;
  name: string;
  kind: Source['kind'];
  purposes: string;
  lawful_basis: LawfulBasis;
  default_country: string | null;
  mapping: string | null;
  read_options: string | null;
  created_at: string;
  updated_at: string;
}

export interface SourceInput {
  readonly name: string;
  readonly kind: Source['kind'];
  /** Bare purposes take `lawfulBasis`, the source's basis. */
  readonly purposes: readonly PurposeGiven[];
  readonly lawfulBasis: LawfulBasis;
  readonly defaultCountry: string | null;
  readonly mapping?: Mapping | null;
}

const foldName = foldUserName;

/**
 * `source.purposes` holds the declaration as typed, `[{ purpose, basis }]`; a source saved before bases per
 * purpose holds bare texts, each on the source's basis (as source_purpose has them since migration 019).
 */
function storedPurposes(json: string, lawfulBasis: LawfulBasis): DeclaredPurpose[] {
  return withBases(JSON.parse(json) as PurposeGiven[], lawfulBasis);
}

function toSource(db: SqlRunner, row: SourceRow): Source {
  const last = db.get<{ id: number }>(sql`SELECT id FROM import_run WHERE source_id = ${row.id} ORDER BY id DESC LIMIT 1`);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    purposes: storedPurposes(row.purposes, row.lawful_basis),
    lawfulBasis: row.lawful_basis,
    defaultCountry: row.default_country,
    mapping: row.mapping ? (JSON.parse(row.mapping) as Mapping) : null,
    readOptions: row.read_options ? (JSON.parse(row.read_options) as SavedReadOptions) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRun: last ? getRun(db, last.id) : null,
  };
}

export function listSources(db: SqlRunner): Source[] {
  return db.all<SourceRow>(sql`SELECT * FROM source ORDER BY name_folded`).map((row) => toSource(db, row));
}

export function findSource(db: SqlRunner, name: string): Source | null {
  const row = db.get<SourceRow>(sql`SELECT * FROM source WHERE name_folded = ${foldName(name)}`);
  return row ? toSource(db, row) : null;
}

export function getSource(db: SqlRunner, id: number): Source {
  const row = db.get<SourceRow>(sql`SELECT * FROM source WHERE id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no source ${id}.`);
  return toSource(db, row);
}

/** Creates or updates a source; must run inside the caller's transaction, which also writes the audit entry. */
export function saveSource(db: SqlRunner, input: SourceInput, stamp: string): Source {
  const existing = db.get<SourceRow>(sql`SELECT * FROM source WHERE name_folded = ${foldName(input.name)}`);
  const mapping = input.mapping === undefined ? (existing?.mapping ?? null) : input.mapping === null ? null : JSON.stringify(input.mapping);
  const purposes = JSON.stringify(withBases(input.purposes, input.lawfulBasis));
  if (input.mapping?.purposeAliases !== undefined) checkPurposeAliases(db, input.mapping.purposeAliases);
  if (existing) {
    if (existing.kind !== input.kind) throw new AppError('CONFLICT', `The source ${existing.name} is a ${existing.kind} source, not ${input.kind}.`);
    db.run(sql`
      UPDATE source SET purposes = ${purposes}, lawful_basis = ${input.lawfulBasis}, default_country = ${input.defaultCountry},
        mapping = ${mapping}, updated_at = ${stamp} WHERE id = ${existing.id}`);
    declare(db, existing.id, input);
    return getSource(db, existing.id);
  }
  const id = Number(
    db.run(sql`
      INSERT INTO source (name, name_folded, kind, purposes, lawful_basis, default_country, mapping, created_at, updated_at)
      VALUES (${input.name.trim()}, ${foldName(input.name)}, ${input.kind}, ${purposes}, ${input.lawfulBasis}, ${input.defaultCountry}, ${mapping}, ${stamp}, ${stamp})`)
      .lastInsertRowid,
  );
  declare(db, id, input);
  return getSource(db, id);
}

/**
 * The source's purposes as the catalog knows them, each on its basis (a bare one on the source's; main/consent):
 * a purpose the catalog lacks, or a basis the purpose does not allow, refuses the save. `purposes` keeps the
 * words as typed.
 */
function declare(db: SqlRunner, sourceId: number, input: SourceInput): void {
  declareSourcePurposes(db, sourceId, withBases(input.purposes, input.lawfulBasis));
}

/**
 * A source says one country and its rows are read in it, never two: a country declared for a source moves
 * its mapping's country too. Without a declared country the mapping keeps its own.
 */
export function inDeclaredCountry(mapping: Mapping, declaredCountry: string | null): Mapping;
export function inDeclaredCountry(mapping: Mapping | null, declaredCountry: string | null): Mapping | null;
export function inDeclaredCountry(mapping: Mapping | null, declaredCountry: string | null): Mapping | null {
  return mapping !== null && declaredCountry !== null && mapping.defaultCountry !== declaredCountry ? { ...mapping, defaultCountry: declaredCountry } : mapping;
}

export type { RunSummary };
