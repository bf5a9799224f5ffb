/**
 * Free purpose texts (a source's `customer relationship`, a consent column's `Newsletter`) compared with the
 * catalog's codes: folded the way migration 019 folded the codes it created, so that what it migrated is
 * found again.
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
