/**
 * Why a row was rejected, in a form the interface can translate. Every reason is stored as English text
 * (what the CSV of rejects and the CLI show) and, where Custodia knows its kind, as a code with
 * parameters next to it, so a French-speaking steward reads « courriel : adresse invalide ». The text
 * stays the full story; a code may say less (which country a number failed for), never something else.
 */
export const REASON_CODES = [
  'email',
  'phone',
  'country',
  'name',
  'text',
  'postalCode',
  'date',
  'consent',
  'amount',
  'currency',
  'notSingle',
  'keyMissing',
  'keyNotSingle',
  'keyTooLong',
  'duplicateKey',
  'fieldCount',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReasonDetail {
  readonly code: ReasonCode;
  /** `column` names the column (or JSON path) the value came from. */
  readonly params: Readonly<Record<string, string | number>>;
}

/** One detail per reason, in the same order; null where the reason has no code. */
export type ReasonDetails = readonly (ReasonDetail | null)[];
