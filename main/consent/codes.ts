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
