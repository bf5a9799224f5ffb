/**
 * The ISO 3166-1 alpha-2 codes currently assigned (249), the one list of countries the interface offers
 * and the API accepts. Withdrawn codes (`DD` East Germany, `YU` Yugoslavia, `SU` USSR, `ZR` Zaire, `CS`,
 * `AN`, `TP`…), exceptional reservations (`UK`, `EU`, `EZ`, `UN`), user-assigned codes (`XK` for Kosovo
 * is used by the EU and others but is not ISO 3166-1; `AA`, `QM`–`QZ`, `XA`–`XZ`, `ZZ`) are not in it.
 * A file that writes `UK` still normalizes to `GB` (main/ingest/normalize/country.ts reads names and
 * common variants); only a chosen or declared country must be a current code.
 */
import { z } from 'zod';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG ' +
    'CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL ' +
    'GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA ' +
    'LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP ' +
    'NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/** A country as the API takes it: a current ISO 3166-1 alpha-2 code, upper-case. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CA, FR, PL')
  .refine(isCountryCode, 'not a current ISO 3166-1 alpha-2 code (withdrawn codes such as DD, YU, SU, ZR, and UK for GB, are not accepted)');
