/**
 * An address in the order its country's post writes it. The record's own country decides (a customer in
 * France reads `75018 Paris` even on a Canadian workstation); an address that names no country follows
 * the chosen region.
 */
export interface AddressParts {
  readonly street: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly region: string | null;
  readonly country: string | null;
}

/** Where the postal code follows the province or state: `Montréal, QC H2X 2P9`, `Boston, MA 02108`. */
const CITY_FIRST = new Set(['CA', 'US', 'AU']);
/** Where the postal code follows the town, without a comma: `London SW1A 1AA`. */
const POSTCODE_LAST = new Set(['GB', 'IE']);

function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

/**
 * The lines of an address without the country (the caller names it in the interface language):
 * street, then the locality line, then a province or state where the post does not put it beside the code.
 */
export function addressLines(address: AddressParts, fallbackCountry: string | null): string[] {
  const country = address.country ?? fallbackCountry ?? '';
  const { postalCode, city, region } = address;
  const lines: Array<string | null> = [address.street];
  if (CITY_FIRST.has(country)) {
    const codeLine = [region, postalCode].filter(present).join(' ');
    lines.push([city, codeLine].filter(present).join(', '));
  } else if (POSTCODE_LAST.has(country)) {
    lines.push([city, postalCode].filter(present).join(' '), region);
  } else {
    lines.push([postalCode, city].filter(present).join(' '), region);
  }
  return lines.filter(present);
}
