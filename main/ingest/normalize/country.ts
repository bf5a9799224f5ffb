/**
 * Countries → ISO 3166-1 alpha-2. Sources write codes (`CA`, `CAN`), names in the steward's language
 * (`États-Unis`, `Niemcy`, `Royaume-Uni`) or the country's own (`Deutschland`, `España`). Names are
 * matched on their folded form, so accents, case and punctuation do not matter (`Etats Unis`, `U.S.A.`).
 * The name table covers every EU member and the ~40 countries most customers of Quebec, EU and
 * California businesses live in; any other country is accepted by its alpha-2 code.
 */
import { COUNTRY_CODES } from '../../core/countries';
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { foldForSearch } from './text';

/** Every officially assigned ISO 3166-1 alpha-2 code, the one list main/core keeps. */
const ALPHA2 = COUNTRY_CODES;

/** alpha-2, alpha-3, then names: English | French | Polish | native and common variants. */
const COUNTRIES: readonly (readonly [string, string, ...string[]])[] = [
  // European Union
  ['AT', 'AUT', 'Austria', 'Autriche', 'Österreich'],
  ['BE', 'BEL', 'Belgium', 'Belgique', 'Belgia', 'België', 'Belgien'],
  ['BG', 'BGR', 'Bulgaria', 'Bulgarie', 'Bułgaria', 'България'],
  ['HR', 'HRV', 'Croatia', 'Croatie', 'Chorwacja', 'Hrvatska'],
  ['CY', 'CYP', 'Cyprus', 'Chypre', 'Cypr'],
  ['CZ', 'CZE', 'Czechia', 'Czech Republic', 'Tchéquie', 'République tchèque', 'Czechy', 'Republika Czeska', 'Česko', 'Česká republika'],
  ['DK', 'DNK', 'Denmark', 'Danemark', 'Dania', 'Danmark'],
  ['EE', 'EST', 'Estonia', 'Estonie', 'Eesti'],
  ['FI', 'FIN', 'Finland', 'Finlande', 'Finlandia', 'Suomi'],
  ['FR', 'FRA', 'France', 'Francja', 'République française'],
  ['DE', 'DEU', 'Germany', 'Allemagne', 'Niemcy', 'Deutschland'],
  // `EL` is the code the EU itself uses for Greece.
  ['GR', 'GRC', 'Greece', 'Grèce', 'Grecja', 'Ελλάδα', 'Hellas', 'EL'],
  ['HU', 'HUN', 'Hungary', 'Hongrie', 'Węgry', 'Magyarország'],
  ['IE', 'IRL', 'Ireland', 'Irlande', 'Irlandia', 'Éire', 'Republic of Ireland'],
  ['IT', 'ITA', 'Italy', 'Italie', 'Włochy', 'Italia'],
  ['LV', 'LVA', 'Latvia', 'Lettonie', 'Łotwa', 'Latvija'],
  ['LT', 'LTU', 'Lithuania', 'Lituanie', 'Litwa', 'Lietuva'],
  ['LU', 'LUX', 'Luxembourg', 'Luksemburg', 'Lëtzebuerg'],
  ['MT', 'MLT', 'Malta', 'Malte'],
  ['NL', 'NLD', 'Netherlands', 'The Netherlands', 'Holland', 'Pays-Bas', 'Holandia', 'Niderlandy', 'Nederland'],
  ['PL', 'POL', 'Poland', 'Pologne', 'Polska', 'Rzeczpospolita Polska'],
  ['PT', 'PRT', 'Portugal', 'Portugalia'],
  ['RO', 'ROU', 'Romania', 'Roumanie', 'Rumunia', 'România'],
  ['SK', 'SVK', 'Slovakia', 'Slovaquie', 'Słowacja', 'Slovensko'],
  ['SI', 'SVN', 'Slovenia', 'Slovénie', 'Słowenia', 'Slovenija'],
  ['ES', 'ESP', 'Spain', 'Espagne', 'Hiszpania', 'España'],
  ['SE', 'SWE', 'Sweden', 'Suède', 'Szwecja', 'Sverige'],
  // Rest of Europe
  [
    'GB',
    'GBR',
    'United Kingdom',
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
    'Royaume-Uni',
    'Grande-Bretagne',
    'Angleterre',
    'Écosse',
    'Pays de Galles',
    'Wielka Brytania',
    'Zjednoczone Królestwo',
    'Anglia',
    'Szkocja',
    'Walia',
  ],
  ['CH', 'CHE', 'Switzerland', 'Suisse', 'Szwajcaria', 'Schweiz', 'Svizzera'],
  ['NO', 'NOR', 'Norway', 'Norvège', 'Norwegia', 'Norge'],
  ['IS', 'ISL', 'Iceland', 'Islande', 'Islandia', 'Ísland'],
  ['LI', 'LIE', 'Liechtenstein'],
  ['MC', 'MCO', 'Monaco', 'Monako'],
  ['UA', 'UKR', 'Ukraine', 'Ukraina', 'Україна'],
  ['BY', 'BLR', 'Belarus', 'Biélorussie', 'Bélarus', 'Białoruś'],
  ['MD', 'MDA', 'Moldova', 'Moldavie', 'Mołdawia'],
  ['RS', 'SRB', 'Serbia', 'Serbie', 'Србија'],
  ['RU', 'RUS', 'Russia', 'Russian Federation', 'Russie', 'Rosja', 'Россия'],
  ['TR', 'TUR', 'Turkey', 'Türkiye', 'Turquie', 'Turcja'],
  // Americas
  ['CA', 'CAN', 'Canada', 'Kanada'],
  [
    'US',
    'USA',
    'United States',
    'United States of America',
    'U.S.',
    'U.S.A.',
    'America',
    'États-Unis',
    "États-Unis d'Amérique",
    'É.-U.',
    'Stany Zjednoczone',
    'Stany Zjednoczone Ameryki',
  ],
  ['MX', 'MEX', 'Mexico', 'Mexique', 'Meksyk', 'México'],
  ['HT', 'HTI', 'Haiti', 'Haïti'],
  ['BR', 'BRA', 'Brazil', 'Brésil', 'Brazylia', 'Brasil'],
  ['AR', 'ARG', 'Argentina', 'Argentine', 'Argentyna'],
  ['CL', 'CHL', 'Chile', 'Chili'],
  ['CO', 'COL', 'Colombia', 'Colombie', 'Kolumbia'],
  ['PE', 'PER', 'Peru', 'Pérou'],
  // Africa and the Middle East
  ['MA', 'MAR', 'Morocco', 'Maroc', 'Maroko'],
  ['DZ', 'DZA', 'Algeria', 'Algérie', 'Algieria'],
  ['TN', 'TUN', 'Tunisia', 'Tunisie', 'Tunezja'],
  ['SN', 'SEN', 'Senegal', 'Sénégal'],
  ['CI', 'CIV', "Côte d'Ivoire", 'Ivory Coast', 'Wybrzeże Kości Słoniowej'],
  ['CM', 'CMR', 'Cameroon', 'Cameroun', 'Kamerun'],
  ['NG', 'NGA', 'Nigeria'],
  ['ZA', 'ZAF', 'South Africa', 'Afrique du Sud', 'Republika Południowej Afryki', 'RPA'],
  ['EG', 'EGY', 'Egypt', 'Égypte', 'Egipt'],
  ['LB', 'LBN', 'Lebanon', 'Liban'],
  ['IL', 'ISR', 'Israel', 'Israël', 'Izrael'],
  // Asia and Oceania
  ['CN', 'CHN', 'China', 'Chine', 'Chiny', "People's Republic of China"],
  ['JP', 'JPN', 'Japan', 'Japon', 'Japonia'],
  ['KR', 'KOR', 'South Korea', 'Korea', 'Republic of Korea', 'Corée du Sud', 'Corée', 'Korea Południowa'],
  ['IN', 'IND', 'India', 'Inde', 'Indie'],
  ['VN', 'VNM', 'Vietnam', 'Viet Nam', 'Viêt Nam', 'Wietnam'],
  ['PH', 'PHL', 'Philippines', 'Filipiny'],
  ['AU', 'AUS', 'Australia', 'Australie'],
  ['NZ', 'NZL', 'New Zealand', 'Nouvelle-Zélande', 'Nowa Zelandia'],
];

/** Folded key → alpha-2. Built once; a key claimed by two countries is a table bug (a test checks). */
export const COUNTRY_KEYS: ReadonlyMap<string, string> = (() => {
  const keys = new Map<string, string>();
  const add = (key: string, code: string) => {
    if (key !== '' && !keys.has(key)) keys.set(key, code);
  };
  for (const [alpha2, ...names] of COUNTRIES) {
    for (const name of [alpha2, ...names]) {
      const folded = foldForSearch(name);
      add(folded, alpha2);
      add(folded.replaceAll(' ', ''), alpha2);
    }
  }
  for (const code of ALPHA2) add(code.toLowerCase(), code);
  return keys;
})();

/** For the table-consistency test: every (folded name, country) pair as written in the table. */
export function countryTableEntries(): readonly (readonly [string, string])[] {
  return COUNTRIES.flatMap(([alpha2, ...names]) => [alpha2, ...names].map((name) => [foldForSearch(name), alpha2] as const));
}

export function normalizeCountry(raw: unknown): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single country, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const folded = foldForSearch(text);
  if (folded === '') return reject('not a country', text);
  // `N/A` and `NA` mean "not available" far more often than Namibia in customer files.
  if (folded === 'na' || folded === 'n a') return reject('ambiguous country "NA": write "Namibia" or leave it blank', text);
  const code = COUNTRY_KEYS.get(folded) ?? COUNTRY_KEYS.get(folded.replaceAll(' ', ''));
  return code === undefined ? reject('unknown country', text) : accept(code, text);
}
