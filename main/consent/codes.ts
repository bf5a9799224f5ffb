/**
 * Free purpose texts (a source's `customer relationship`, a consent column's `Newsletter`) compared with the
 * catalog's codes: folded the way migration 019 folded the codes it created, so that what it migrated is
 * found again. Pure, so that the vault and the declaration fields match a text the same way.
 */
export function freeTextCode(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  if (folded === '') return '';
  return /^[a-z]/.test(folded) ? folded : `p_${folded}`.slice(0, 64);
}

/**
 * The words the mapping suggests for consent columns (ingest/mapping/vocabulary.ts: `infolettre` and
 * `biuletyn` become `newsletter`, `optin_email` becomes `email`), as the default catalog's purposes. Used
 * only when the catalog has no purpose of that code or name, and only if it still has the one named here:
 * a vault whose catalog has its own `newsletter` keeps it. Anything else stays unmatched (and is flagged).
 */
export const DEFAULT_PURPOSE_ALIASES: Readonly<Record<string, string>> = {
  newsletter: 'email_marketing',
  email: 'email_marketing',
  newsletter_email: 'email_marketing',
  email_newsletter: 'email_marketing',
  marketing_email: 'email_marketing',
  marketing_newsletter: 'email_marketing',
  sms: 'sms_marketing',
  marketing_sms: 'sms_marketing',
  profiling_marketing: 'profiling',
  marketing_profiling: 'profiling',
};

/** What matching needs of a catalog purpose. */
export interface NamedPurpose {
  readonly code: string;
  readonly nameEn: string;
  readonly nameFr: string;
}

/**
 * The code of the catalog purpose a free text names: its code, or its English or French name, compared
 * folded (`Email marketing`, `email-marketing`), or else a word the mapping suggests for the default
 * catalog (`newsletter` → email_marketing). Null when the catalog has none.
 */
export function matchPurpose(text: string, catalog: readonly NamedPurpose[]): string | null {
  const code = freeTextCode(text);
  if (code === '') return null;
  const found =
    catalog.find((purpose) => purpose.code === code) ??
    catalog.find((purpose) => freeTextCode(purpose.nameEn) === code || freeTextCode(purpose.nameFr) === code);
  if (found !== undefined) return found.code;
  const alias = DEFAULT_PURPOSE_ALIASES[code];
  return alias !== undefined && catalog.some((purpose) => purpose.code === alias) ? alias : null;
}
