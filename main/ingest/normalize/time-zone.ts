/**
 * Time zones of sources. A till or a CRM writes `28/07/2012 13:25` in the shop's local time, with no
 * zone: Custodia stores instants in UTC, so the local time has to be read in a zone. A source can name
 * it (IANA, `America/Toronto`); otherwise its country's main zone is the best guess, since most of our
 * sources are one shop or one chain in one country.
 *
 * Only Intl, no Node: the mapping schema (and so the renderer) validates zones with it.
 */

/**
 * The zone most of a country's people live in. Countries that span several zones get the most
 * populous one (CA: Ontario and Québec; US: the East Coast; BR: São Paulo; AU: Sydney), so a source
 * elsewhere in them must set its own.
 */
const MAIN_ZONE: Readonly<Record<string, string>> = {
  CA: 'America/Toronto',
  US: 'America/New_York',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  CO: 'America/Bogota',
  PE: 'America/Lima',
  FR: 'Europe/Paris',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  LU: 'Europe/Luxembourg',
  MC: 'Europe/Monaco',
  DE: 'Europe/Berlin',
  AT: 'Europe/Vienna',
  NL: 'Europe/Amsterdam',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  IT: 'Europe/Rome',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  BG: 'Europe/Sofia',
  GR: 'Europe/Athens',
  DK: 'Europe/Copenhagen',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  FI: 'Europe/Helsinki',
  EE: 'Europe/Tallinn',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  UA: 'Europe/Kyiv',
  TR: 'Europe/Istanbul',
  MA: 'Africa/Casablanca',
  DZ: 'Africa/Algiers',
  TN: 'Africa/Tunis',
  SN: 'Africa/Dakar',
  CI: 'Africa/Abidjan',
  CM: 'Africa/Douala',
  ZA: 'Africa/Johannesburg',
  IN: 'Asia/Kolkata',
  CN: 'Asia/Shanghai',
  JP: 'Asia/Tokyo',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
};

const valid = new Map<string, boolean>();

/** Whether the runtime knows `name` as a time zone (IANA names such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  const known = valid.get(name);
  if (known !== undefined) return known;
  let ok = name.trim() === name && name !== '';
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
    } catch {
      ok = false;
    }
  }
  valid.set(name, ok);
  return ok;
}

/** The main zone of an ISO alpha-2 country; UTC for a country not listed, which at least reads the same everywhere. */
export function defaultTimeZone(country: string): string {
  return MAIN_ZONE[country.toUpperCase()] ?? 'UTC';
}

/** The zones the runtime knows, for a picker; UTC first, since some runtimes leave it out of the list. */
export function timeZoneNames(): string[] {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...names.filter((name) => name !== 'UTC')];
}
