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

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date or a date and time as the vault stores them: `2024-03-05` is a calendar day (shown as is, not
 * shifted by the time zone), anything longer a moment in time.
 */
export function formatWhen(value: string, language: string): string {
  if (DAY_ONLY.test(value)) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An amount in its currency when it has one (`1 234,50 $ CA` in French, `CA$1,234.50` in English). */
export function formatAmount(amount: number, currency: string | null, language: string): string {
  const locale = formatLocale(language);
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      // an unknown code: the number with the code beside it
    }
  }
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

/** A value read from a file or a database, as one line of text for a preview table. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * A rejected row as stored: the JSON of the row's values when it was read (shown as `column: value`
 * pairs), or the raw text of a line that could not be read at all (shown as is).
 */
export function rawRowText(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => `${key}: ${cellText(item)}`)
        .join(' · ');
    }
  } catch {
    // not JSON: a line as it was in the file
  }
  return raw;
}
