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
  'language',
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
  'keyDamaged',
  'excelDamaged',
  'noIdentity',
  'duplicateKey',
  'duplicateTransaction',
  'consentNoPurpose',
  'consentUnknownPurpose',
  'consentNotABasis',
  'consentInFuture',
  'consentStatus',
  'eventNoDate',
  'notList',
  'notObject',
  // What the file readers could not read at all, before any value is looked at.
  'fieldCount',
  'unterminatedQuote',
  'malformedQuote',
  'unreadableRecord',
  'quoteNotClosed',
  'quoteBlockSkipped',
  'lineTooLong',
  'headerUnterminatedQuote',
  'headerMalformedQuote',
  'headerUnreadable',
  'elementNotObject',
  'elementTooLong',
  'recordsNotArray',
  'recordsPathNotArray',
  'recordsPathMissing',
  'malformedJson',
  'malformedJsonAt',
  'lineNotObject',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReasonDetail {
  readonly code: ReasonCode;
  /**
   * `column` names the column (or JSON path) the value came from, so the readers' problems never use it
   * for anything else: a position in a JSON line is `character` (with `line`). They also use
   * `first`/`last` (a block of lines), `maxMiB`, `path` (the records path) and, for elementNotObject,
   * `found`: the JSON kind met (array, boolean, null, number, string), a key the interface translates.
   */
  readonly params: Readonly<Record<string, string | number>>;
}

/** One detail per reason, in the same order; null where the reason has no code. */
export type ReasonDetails = readonly (ReasonDetail | null)[];
