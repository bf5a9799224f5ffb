/**
 * `--purpose CODE[=BASIS]…`: a source's purposes, each with the lawful basis it rests on; a bare code takes
 * the source's basis (`--basis`). `email_marketing=consent`, `"customer relationship"`.
 */
import { LAWFUL_BASES, type DeclaredPurpose, type LawfulBasis, type PurposeGiven, type Source } from '../api/contract';
import { usageError } from './errors';

const isBasis = (text: string): text is LawfulBasis => (LAWFUL_BASES as readonly string[]).includes(text);

export function parsePurposes(values: readonly string[]): PurposeGiven[] {
  return values.map((value) => {
    const at = value.lastIndexOf('=');
    if (at < 0) return value;
    const purpose = value.slice(0, at).trim();
    const basis = value.slice(at + 1).trim();
    if (purpose === '') throw usageError(`--purpose ${value}: the purpose is missing before "=".`);
    if (!isBasis(basis)) throw usageError(`--purpose ${value}: "${basis}" is not a lawful basis (one of ${LAWFUL_BASES.join(', ')}).`);
    return { purpose, basis };
  });
}

/**
 * `--purpose-map TEXT=CODE…`: the source's own purpose texts mapped to catalog purposes (the mapping's
 * `purposeAliases`), `"Club Fidélité=email_marketing"`.
 */
export function parsePurposeMap(values: readonly string[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const text = at < 0 ? '' : value.slice(0, at).trim();
    const code = at < 0 ? '' : value.slice(at + 1).trim();
    if (text === '' || code === '') throw usageError(`--purpose-map ${value}: expected TEXT=CODE, the source's purpose text and a catalog purpose's code.`);
    aliases[text] = code;
  }
  return aliases;
}

/** The first basis given with a purpose: a source declared only with `CODE=BASIS` purposes takes it as its own. */
export function firstBasis(purposes: readonly PurposeGiven[] | undefined): LawfulBasis | undefined {
  return purposes?.find((given): given is DeclaredPurpose => typeof given !== 'string')?.basis;
}

/** Whether a purpose is given without its basis. */
export function hasBare(purposes: readonly PurposeGiven[] | undefined): boolean {
  return purposes?.some((given) => typeof given === 'string') === true;
}

/** `email marketing (consent), customer relationship (contract)`. */
export function purposesText(source: Pick<Source, 'purposes'>): string {
  return source.purposes.map(({ purpose, basis }) => `${purpose} (${basis})`).join(', ');
}
