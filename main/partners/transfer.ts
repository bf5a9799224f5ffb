/**
 * Whether sending data to a partner is a transfer that needs an assessment on file: Quebec's Law 25 (s. 17)
 * asks for a privacy impact assessment before personal information leaves Quebec, the GDPR (Ch. V) for a
 * transfer outside the EU/EEA. A vault serves one organisation under either; a partner inside Quebec or the
 * EEA needs none, any other does (docs/partners.md).
 */
const EEA = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

export function needsTransferAssessment(country: string, subdivision: string | null): boolean {
  if (EEA.has(country)) return false;
  return !(country === 'CA' && subdivision === 'QC');
}
