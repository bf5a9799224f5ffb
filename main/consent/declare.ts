/**
 * A source's declaration, per purpose: which catalog purposes its data serves and the basis it relies on
 * for each. Ingest saves the source and calls this in the same transaction; a purpose the catalog lacks or
 * a basis the purpose does not allow refuses the whole save.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { assertBasisAllowed, findRule, purposeByText } from './catalog';
import type { LawfulBasis } from './contract';

export interface PurposeDeclaration {
  /** A catalog code, or a purpose's name in English or French. */
  readonly purpose: string;
  readonly basis: LawfulBasis;
}

/** Replaces what the source declared; returns the catalog codes, in the order given. */
export function declareSourcePurposes(db: SqlRunner, sourceId: number, declarations: readonly PurposeDeclaration[]): string[] {
  const resolved = declarations.map(({ purpose: text, basis }) => {
    const purpose = purposeByText(db, text);
    if (purpose === null) throw new AppError('INVALID_INPUT', `There is no purpose ${text} in the catalog.`, { reason: 'unknownPurpose', purpose: text });
    assertBasisAllowed(purpose, basis);
    return { purpose, basis };
  });
  const codes = new Set(resolved.map(({ purpose }) => purpose.code));
  if (codes.size < resolved.length) throw new AppError('INVALID_INPUT', 'A purpose is declared twice.', { reason: 'purposeTwice' });
  db.run(sql`DELETE FROM source_purpose WHERE source_id = ${sourceId}`);
  for (const { purpose, basis } of resolved)
    db.run(sql`INSERT INTO source_purpose (source_id, purpose_id, basis) VALUES (${sourceId}, ${purpose.id}, ${basis})`);
  return [...codes];
}

/**
 * A mapping's `purposeAliases` name catalog purposes: a code the catalog lacks refuses the save, as an unknown
 * declared purpose does (the steward chose from the catalog; a stale code would silently flag every consent).
 */
export function checkPurposeAliases(db: SqlRunner, aliases: Readonly<Record<string, string>>): void {
  for (const code of new Set(Object.values(aliases))) {
    if (findRule(db, code) === null)
      throw new AppError('INVALID_INPUT', `There is no purpose ${code} in the catalog.`, { reason: 'unknownPurpose', purpose: code });
  }
}

/** What a source declares, by catalog code. */
export function sourcePurposes(db: SqlRunner, sourceId: number): { code: string; basis: LawfulBasis }[] {
  return db.all<{ code: string; basis: LawfulBasis }>(sql`
    SELECT p.code, sp.basis FROM source_purpose sp JOIN purpose p ON p.id = sp.purpose_id WHERE sp.source_id = ${sourceId} ORDER BY p.id`);
}
