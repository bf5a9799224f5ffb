/** Placeholder until the normalizer lands: scientific notation in an identifier is always damage. */
export function isExcelDamaged(raw: unknown): boolean {
  if (typeof raw === 'number') return !Number.isSafeInteger(raw) && Number.isInteger(raw);
  return typeof raw === 'string' && /^\s*\d(?:[.,]\d+)?e\+?\d+\s*$/i.test(raw);
}
