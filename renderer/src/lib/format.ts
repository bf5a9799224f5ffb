/**
 * Locale-aware formatting. The interface language comes from i18next; the region from the system when it
 * speaks the same language, so a British user sees 24/11/2026 and an American one 11/24/2026.
 */
export function formatLocale(language: string, systemLanguages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  return systemLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** Dense and aligned for tables: numeric date and time with seconds, which audit work needs. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formatLocale(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(formatLocale(language)).format(value);
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(formatLocale(language), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Hashes and fingerprints are long; the start is enough to compare by eye, the full value is in a tooltip. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** Details are small objects of ids and counts: one line of JSON reads well in a dense table. */
export function compactJson(value: unknown): string {
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value);
}
