/**
 * The shape every normalizer returns. The raw value always travels with the result so a steward can see
 * what the source sent next to what Custodia made of it, and a rejected row can be corrected by hand.
 * Blank input is `{ ok: true, value: null }`: blank is missing, never an error (DESIGN §6).
 */
export type Normalized<T> =
  { readonly ok: true; readonly value: T | null; readonly raw: string } | { readonly ok: false; readonly reason: string; readonly raw: string };

export const accept = <T>(value: T | null, raw: string): Normalized<T> => ({ ok: true, value, raw });
export const reject = <T>(reason: string, raw: string): Normalized<T> => ({ ok: false, reason, raw });

/**
 * The textual form of a cell as the source sent it. Sources hand us strings (CSV), numbers and booleans
 * (JSON, XLSX), Date objects (XLSX date cells) and, for JSON, nested values. Keeping `raw` a string makes
 * it displayable and storable as is (the `raw TEXT` columns); the exact typed value survives in the
 * record's raw JSON. Nothing is trimmed or unescaped here: a leading `=`, `+`, `-` or `@` is data.
 */
export function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** Blank = absent, empty, or only whitespace (including NBSP and the other Unicode spaces). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return false;
}

/** Objects and arrays are not a single value: a normalizer for a scalar field must say so, not guess. */
export function isScalar(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object' || value instanceof Date;
}
