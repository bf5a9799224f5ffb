/**
 * Comparison levels, as data (DESIGN §6: "keep blocking rules and comparison levels declarative"): each
 * comparison is an ordered list of levels, each level a predicate from a small closed vocabulary (exact,
 * Jaro-Winkler at least x, edit distance at most k, prefix, nickname, …). The first level whose predicate
 * holds is the pair's level; the last level is always `else`. A pair where either record lacks the field has
 * no level (null): blank is missing, never equal, and missing is no evidence either way.
 *
 * Because the vocabulary is closed, the same table can later be rendered as SQL CASE expressions.
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { jaroWinkler } from './jaro-winkler';
import { presenceMask, type Features } from './record';

/** Single-valued text features a predicate may read. */
export type TextField = 'given' | 'family' | 'birth' | 'streetNumber' | 'streetName' | 'street2' | 'city' | 'postalCode' | 'region' | 'nationalId';
/** Multi-valued features: two records agree when they share one value. */
export type ListField = 'emails' | 'phones' | 'personalEmails' | 'personalPhones';

export type Predicate =
  | { kind: 'exact'; field: TextField }
  | { kind: 'jaroWinkler'; field: TextField; min: number }
  | { kind: 'editDistance'; field: TextField; max: number }
  | { kind: 'prefix'; field: TextField; length: number }
  /** The digits of both values are the same (both may have none): unit 2 is not unit 25, however alike they look. */
  | { kind: 'sameDigits'; field: TextField }
  /** One side is a single letter (or a letter and a dot) equal to the other's first letter. */
  | { kind: 'initial'; field: TextField }
  /** Given names listed in the same nickname group. */
  | { kind: 'nickname' }
  /** The same name for the other sex (Francesco and Francesca, Jean and Jeanne): see GENDER_ENDINGS. */
  | { kind: 'genderVariant' }
  /** Given and family swapped: a.given ≈ b.family and a.family ≈ b.given (Jaro-Winkler ≥ min). */
  | { kind: 'namesTransposed'; min: number }
  /** One name written in the other field: a.given ≈ b.family or a.family ≈ b.given (Jaro-Winkler ≥ min). */
  | { kind: 'namesCrossed'; min: number }
  /** Birth dates with day and month exchanged (a US and a European form of the same date). */
  | { kind: 'dayMonthSwapped' }
  /** Birth dates at most `max` digits apart (a substitution, or two neighbouring digits exchanged, counts as one). */
  | { kind: 'digitsOff'; field: TextField; max: number }
  /** Same first four characters of the birth date: same year. */
  | { kind: 'sameYear' }
  /** Birth years at least `min` (and at most `max`) apart. */
  | { kind: 'yearsApart'; min: number; max?: number }
  | { kind: 'shared'; field: ListField }
  | { kind: 'all'; of: readonly Predicate[] }
  | { kind: 'any'; of: readonly Predicate[] }
  | { kind: 'else' };

export interface Level {
  name: string;
  when: Predicate;
  /** Adjust this level's weight by how common the agreed value is (an exact match on "smith" is weaker). */
  termFrequency?: TextField;
  /**
   * This level alone keeps the pair apart (see Veto for vetoes on combinations of levels, which are the
   * usual kind: one field alone seldom tells a household member from a typo).
   */
  veto?: true;
  /** Agreement on an identifier strong enough to lift a veto (the same national id). */
  decisive?: true;
}

export interface Comparison {
  name: string;
  /** The pair has no level when either record lacks every one of these features. */
  requires: readonly (TextField | ListField)[];
  levels: readonly Level[];
}

const ELSE: Level = { name: 'else', when: { kind: 'else' } };

/**
 * The default model: one set of thresholds for every data set (no per-dataset tuning). The name thresholds
 * are the usual Jaro-Winkler bands (0.92 ≈ one typo in a long name, 0.85 ≈ two or a phonetic variant).
 */
export const DEFAULT_COMPARISONS: readonly Comparison[] = [
  {
    name: 'given',
    requires: ['given'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'given' }, termFrequency: 'given' },
      // Before the typo levels, which would read Francesca for Francesco as one letter off: a couple, not a typo.
      { name: 'otherSex', when: { kind: 'genderVariant' } },
      { name: 'nickname', when: { kind: 'nickname' } },
      { name: 'transposed', when: { kind: 'namesTransposed', min: 0.92 } },
      // One name keyed into the other field ("Lavis Henry" for Jordan Lavis): a form error, not a relative.
      { name: 'crossed', when: { kind: 'namesCrossed', min: 0.92 } },
      { name: 'close', when: { kind: 'jaroWinkler', field: 'given', min: 0.92 } },
      {
        name: 'similar',
        when: {
          kind: 'any',
          of: [
            { kind: 'jaroWinkler', field: 'given', min: 0.85 },
            { kind: 'initial', field: 'given' },
          ],
        },
      },
      { name: 'weak', when: { kind: 'jaroWinkler', field: 'given', min: 0.7 } },
      { name: 'different', when: { kind: 'else' } },
    ],
  },
  {
    name: 'family',
    requires: ['family'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'family' }, termFrequency: 'family' },
      { name: 'transposed', when: { kind: 'namesTransposed', min: 0.92 } },
      { name: 'close', when: { kind: 'jaroWinkler', field: 'family', min: 0.92 } },
      { name: 'similar', when: { kind: 'jaroWinkler', field: 'family', min: 0.85 } },
      ELSE,
    ],
  },
  {
    name: 'birthDate',
    requires: ['birth'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'birth' } },
      { name: 'dayMonthSwapped', when: { kind: 'dayMonthSwapped' } },
      { name: 'oneDigitOff', when: { kind: 'digitsOff', field: 'birth', max: 1 } },
      { name: 'twoDigitsOff', when: { kind: 'digitsOff', field: 'birth', max: 2 } },
      { name: 'sameYear', when: { kind: 'sameYear' } },
      // Three or more digits and a generation apart (16 to 50 years): a parent and a child, not a typo.
      { name: 'generation', when: { kind: 'yearsApart', min: 16, max: 50 } },
      ELSE,
    ],
  },
  {
    name: 'street',
    requires: ['streetName'],
    levels: [
      {
        name: 'exact',
        when: {
          kind: 'all',
          of: [
            { kind: 'exact', field: 'streetNumber' },
            { kind: 'exact', field: 'streetName' },
          ],
        },
      },
      {
        name: 'numberAndNameClose',
        when: {
          kind: 'all',
          of: [
            { kind: 'exact', field: 'streetNumber' },
            { kind: 'jaroWinkler', field: 'streetName', min: 0.88 },
          ],
        },
      },
      { name: 'nameExact', when: { kind: 'exact', field: 'streetName' } },
      { name: 'nameClose', when: { kind: 'jaroWinkler', field: 'streetName', min: 0.88 } },
      ELSE,
    ],
  },
  {
    name: 'street2',
    requires: ['street2'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'street2' } },
      {
        name: 'close',
        when: {
          kind: 'all',
          of: [
            { kind: 'jaroWinkler', field: 'street2', min: 0.88 },
            { kind: 'sameDigits', field: 'street2' },
          ],
        },
      },
      ELSE,
    ],
  },
  {
    name: 'city',
    requires: ['city'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'city' }, termFrequency: 'city' },
      { name: 'close', when: { kind: 'jaroWinkler', field: 'city', min: 0.88 } },
      ELSE,
    ],
  },
  {
    name: 'postalCode',
    requires: ['postalCode'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'postalCode' } },
      { name: 'oneEdit', when: { kind: 'editDistance', field: 'postalCode', max: 1 } },
      { name: 'prefix', when: { kind: 'prefix', field: 'postalCode', length: 3 } },
      ELSE,
    ],
  },
  { name: 'region', requires: ['region'], levels: [{ name: 'exact', when: { kind: 'exact', field: 'region' } }, ELSE] },
  // A shared household identifier (a landline, a family mailbox: record.ts markHouseholdIdentifiers) is its own
  // level, so EM weighs it apart from a personal one and the vetoes do not take it for evidence of the person.
  {
    name: 'email',
    requires: ['emails'],
    levels: [
      { name: 'shared', when: { kind: 'shared', field: 'personalEmails' } },
      { name: 'sharedHousehold', when: { kind: 'shared', field: 'emails' } },
      ELSE,
    ],
  },
  {
    name: 'phone',
    requires: ['phones'],
    levels: [
      { name: 'shared', when: { kind: 'shared', field: 'personalPhones' } },
      { name: 'sharedHousehold', when: { kind: 'shared', field: 'phones' } },
      ELSE,
    ],
  },
  {
    name: 'nationalId',
    requires: ['nationalId'],
    levels: [
      { name: 'exact', when: { kind: 'exact', field: 'nationalId' }, decisive: true },
      { name: 'oneEdit', when: { kind: 'editDistance', field: 'nationalId', max: 1 } },
      ELSE,
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Vetoes.

/** A comparison at one of these levels; `missing` stands for "a record lacks the field". */
export interface LevelCondition {
  comparison: string;
  levels: readonly string[];
}

/** At least one of the two records has one of these features (levels cannot say so: they need both). */
export interface PresenceCondition {
  eitherHas: readonly (TextField | ListField)[];
}

/**
 * A combination of levels that says "two people", whatever the weights add up to. Fellegi–Sunter sums evidence
 * as if fields were independent, but a household shares its surname, address, landline and mailbox, so the
 * sum says "same household" many times over and outweighs the one or two fields that tell its members apart.
 * A veto names such a pattern. Like the levels, vetoes are data (conditions on level names), not code.
 */
export interface Veto {
  name: string;
  /** Every entry must hold; an entry that is a list holds when any of its conditions does. */
  when: readonly (LevelCondition | readonly LevelCondition[] | PresenceCondition)[];
  /**
   * The log2-odds the pair is held to, for a pattern that makes a match doubtful rather than impossible: it
   * then waits in the review band instead of merging. Absent: kept apart (the model's veto log-odds).
   */
  cap?: number;
}

const GIVEN_DIFFERS: LevelCondition = { comparison: 'given', levels: ['otherSex', 'weak', 'different'] };
const GIVEN_SAME: LevelCondition = { comparison: 'given', levels: ['exact', 'nickname', 'close'] };
const BIRTH_SAME: LevelCondition = { comparison: 'birthDate', levels: ['exact', 'dayMonthSwapped', 'oneDigitOff', 'twoDigitsOff'] };
/** A record of the pair carries contact details: it comes from a system where households share landlines and mailboxes. */
const CONTACTS_SEEN: PresenceCondition = { eitherHas: ['emails', 'phones'] };

/**
 * What is true of households in general: their members have different given names (a junior excepted) and,
 * twins excepted, different birth dates.
 *
 * - otherPerson: given names that share nothing and no birth date saying "same person" (spouses, parents and
 *   children, siblings). A duplicate whose given name was replaced *and* whose birth date is missing or wrong
 *   is lost; that is the price of never merging a couple.
 * - twin: other given names, same birth date. A source that re-keys given names (the Febrl generator replaces
 *   one in ten with a random name, everything else kept) makes exactly this pattern too, and nothing in the
 *   pair tells them apart. What does is whether the records show contact data: where they do, a household's
 *   shared landline or mailbox is in view and a twin is the likelier reading (retail records of one person
 *   keep the name they were given at the till); where no record has any, plain Fellegi–Sunter decides.
 * - generation: the same name and birth years a generation apart (a junior and his father), on the same terms.
 * - otherBirth: no given name on one side and birth dates that no typo explains, where contacts are seen.
 * - noPersonEvidence: nothing but household evidence (address, surname, region): no given name on one side,
 *   no agreeing birth date, no shared personal identifier. An address says where someone lives, not who.
 */
export const DEFAULT_VETOES: readonly Veto[] = [
  { name: 'otherPerson', when: [GIVEN_DIFFERS, { comparison: 'birthDate', levels: ['sameYear', 'generation', 'else', 'missing'] }] },
  // No given name to compare and birth dates that no typo explains: the household's other member.
  {
    name: 'otherBirth',
    when: [{ comparison: 'given', levels: ['missing'] }, { comparison: 'birthDate', levels: ['sameYear', 'generation', 'else'] }, CONTACTS_SEEN],
  },
  { name: 'twin', when: [GIVEN_DIFFERS, BIRTH_SAME, CONTACTS_SEEN] },
  { name: 'generation', when: [GIVEN_SAME, { comparison: 'birthDate', levels: ['generation'] }, CONTACTS_SEEN] },
  // A given name only like the other's, or only found in the other's family-name field, with nothing personal
  // agreeing: in a household, a spouse or a child keyed with the fields swapped or a near name (Marie, Martin).
  {
    name: 'householdMember',
    when: [
      { comparison: 'given', levels: ['crossed', 'similar'] },
      { comparison: 'birthDate', levels: ['sameYear', 'generation', 'else', 'missing'] },
      { comparison: 'email', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'phone', levels: ['sharedHousehold', 'else', 'missing'] },
      CONTACTS_SEEN,
    ],
  },
  // The same given name, another family name, and nothing personal agreeing: neighbours or namesakes of a first
  // name in one building far more often than a change of name (which keeps a birth date, a mobile, a mailbox).
  {
    name: 'familyDiffers',
    cap: -1,
    when: [
      { comparison: 'family', levels: ['else'] },
      { comparison: 'birthDate', levels: ['twoDigitsOff', 'sameYear', 'generation', 'else', 'missing'] },
      { comparison: 'street', levels: ['nameExact', 'nameClose', 'else', 'missing'] },
      { comparison: 'email', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'phone', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'nationalId', levels: ['oneEdit', 'else', 'missing'] },
    ],
  },
  // Names alone, every other field missing or disagreeing: namesakes look exactly like this. Doubtful, not
  // impossible (a newsletter signup with a name and a new email): held in the review band.
  {
    name: 'namesOnly',
    cap: -1,
    when: [
      { comparison: 'birthDate', levels: ['twoDigitsOff', 'sameYear', 'generation', 'else', 'missing'] },
      { comparison: 'street', levels: ['nameExact', 'nameClose', 'else', 'missing'] },
      { comparison: 'street2', levels: ['else', 'missing'] },
      { comparison: 'postalCode', levels: ['oneEdit', 'prefix', 'else', 'missing'] },
      { comparison: 'email', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'phone', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'nationalId', levels: ['oneEdit', 'else', 'missing'] },
    ],
  },
  {
    name: 'noPersonEvidence',
    when: [
      { comparison: 'given', levels: ['missing'] },
      { comparison: 'birthDate', levels: ['twoDigitsOff', 'sameYear', 'generation', 'else', 'missing'] },
      { comparison: 'email', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'phone', levels: ['sharedHousehold', 'else', 'missing'] },
      { comparison: 'nationalId', levels: ['oneEdit', 'else', 'missing'] },
      CONTACTS_SEEN,
    ],
  },
];

/** A veto compiled against a comparison list. */
export interface CompiledVeto {
  name: string;
  cap: number | null;
  /** Per entry, alternatives of (comparison index, level bit mask): bit 0 = missing, bit l + 1 = level l. */
  entries: readonly (readonly { comparison: number; mask: number }[])[];
  /** Per presence condition, the features one of the records must have (Features.present bits). */
  presence: readonly number[];
}

const isPresence = (entry: Veto['when'][number]): entry is PresenceCondition => 'eitherHas' in entry;

/** Resolves level names once, so checking a veto is a few bit tests per pair. Unknown names throw. */
export function compileVetoes(comparisons: readonly Comparison[], vetoes: readonly Veto[]): CompiledVeto[] {
  const condition = (veto: Veto, entry: LevelCondition): { comparison: number; mask: number } => {
    const index = comparisons.findIndex((comparison) => comparison.name === entry.comparison);
    const comparison = comparisons[index];
    if (comparison === undefined) throw new Error(`veto ${veto.name}: no comparison ${entry.comparison}`);
    let mask = 0;
    for (const name of entry.levels) {
      const level = name === 'missing' ? -1 : comparison.levels.findIndex((candidate) => candidate.name === name);
      if (name !== 'missing' && level < 0) throw new Error(`veto ${veto.name}: comparison ${entry.comparison} has no level ${name}`);
      mask |= 1 << (level + 1);
    }
    return { comparison: index, mask };
  };
  return vetoes.map((veto) => ({
    name: veto.name,
    cap: veto.cap ?? null,
    entries: veto.when.flatMap((entry) =>
      isPresence(entry)
        ? []
        : [(Array.isArray(entry) ? (entry as readonly LevelCondition[]) : [entry as LevelCondition]).map((inner) => condition(veto, inner))],
    ),
    presence: veto.when.flatMap((entry) => (isPresence(entry) ? [presenceMask(entry.eitherHas)] : [])),
  }));
}

/** The first veto whose every entry holds for this pair (levels[offset + c], −1 = missing), or null. */
export function firedVeto(vetoes: readonly CompiledVeto[], levels: ArrayLike<number>, offset: number, a: Features, b: Features): CompiledVeto | null {
  for (const veto of vetoes) {
    let holds = true;
    for (const entry of veto.entries) {
      let any = false;
      for (const { comparison, mask } of entry) {
        if ((mask & (1 << ((levels[offset + comparison] as number) + 1))) !== 0) {
          any = true;
          break;
        }
      }
      if (!any) {
        holds = false;
        break;
      }
    }
    if (holds) for (const mask of veto.presence) if (((a.present | b.present) & mask) === 0) holds = false;
    if (holds) return veto;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation. Jaro-Winkler is the costly part, so a pair computes it at most once per field.

const TEXT_FIELDS: readonly TextField[] = ['given', 'family', 'birth', 'streetNumber', 'streetName', 'street2', 'city', 'postalCode', 'region', 'nationalId'];
const FIELD_SLOT = Object.fromEntries(TEXT_FIELDS.map((field, slot) => [field, slot])) as Record<TextField, number>;

/**
 * Jaro-Winkler of address values already compared. Towns and streets are a small vocabulary that candidate pairs
 * meet again and again, and street names are long (the costly case); names are too varied to gain. Emptied when
 * it reaches its cap, which bounds its memory.
 */
const REMEMBERED: ReadonlySet<TextField> = new Set(['streetName', 'street2', 'city']);
const MEMO_CAP = 500_000;
let memo = new Map<string, Map<string, number>>();
let memoSize = 0;

function rememberedJaroWinkler(left: string, right: string): number {
  let row = memo.get(left);
  let value = row?.get(right);
  if (value !== undefined) return value;
  value = jaroWinkler(left, right);
  if (memoSize >= MEMO_CAP) {
    memo = new Map();
    memoSize = 0;
    row = undefined;
  }
  if (row === undefined) memo.set(left, (row = new Map()));
  row.set(right, value);
  memoSize += 1;
  return value;
}

/** One pair under evaluation. A single instance is reset for each pair: the pair loops would otherwise allocate one per pair. */
class Pair {
  a = null as unknown as Features;
  b = null as unknown as Features;
  /** Jaro-Winkler per text field, then a.given~b.family and a.family~b.given; −1 until computed. */
  private readonly jw = new Float64Array(TEXT_FIELDS.length + 2);

  reset(a: Features, b: Features): this {
    this.a = a;
    this.b = b;
    this.jw.fill(-1);
    return this;
  }

  jaroWinkler(field: TextField): number {
    const slot = FIELD_SLOT[field];
    if (!REMEMBERED.has(field)) return this.similarity(slot, this.a[field], this.b[field]);
    let value = this.jw[slot] as number;
    if (value < 0) {
      const left = this.a[field];
      const right = this.b[field];
      value = left === null || right === null ? 0 : rememberedJaroWinkler(left, right);
      this.jw[slot] = value;
    }
    return value;
  }

  /** a's given name against b's family name (names transposed or crossed). */
  givenFamily(): number {
    return this.similarity(TEXT_FIELDS.length, this.a.given, this.b.family);
  }

  familyGiven(): number {
    return this.similarity(TEXT_FIELDS.length + 1, this.a.family, this.b.given);
  }

  private similarity(slot: number, left: string | null, right: string | null): number {
    let value = this.jw[slot] as number;
    if (value < 0) {
      value = left === null || right === null ? 0 : jaroWinkler(left, right);
      this.jw[slot] = value;
    }
    return value;
  }
}

const current = new Pair();

/** Digits apart, position by position; two neighbouring digits exchanged count as one. Lengths differ: Infinity. */
export function digitsApart(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let apart = 0;
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] === b[index]) continue;
    if (index + 1 < a.length && a[index] === b[index + 1] && a[index + 1] === b[index] && a[index + 1] !== b[index + 1]) index += 1;
    apart += 1;
  }
  return apart;
}

const isInitial = (value: string): boolean => value.length === 1;

/**
 * Endings that turn a given name into the same name for the other sex, across the languages of the nickname
 * table: Francesco/Francesca, Jean/Jeanne, Paul/Paula/Pauline, Daniel/Danielle, Giuseppe/Giuseppina,
 * Alexander/Alexandra, Louis/Louise. Couples and siblings are named like this; a typo rarely adds a whole ending.
 */
const GENDER_ENDINGS: readonly (readonly [string, string])[] = [
  ['o', 'a'],
  ['', 'a'],
  ['', 'e'],
  ['', 'ne'],
  ['', 'le'],
  ['', 'lle'],
  ['', 'ine'],
  ['', 'ina'],
  ['', 'ette'],
  ['', 'fa'],
  ['e', 'ina'],
  ['e', 'a'],
  ['er', 'ra'],
  ['us', 'a'],
  ['y', 'ia'],
  ['i', 'a'],
  ['k', 'ia'],
];
const MIN_STEM = 3;

export function genderVariants(a: string, b: string): boolean {
  if (a === b) return false;
  // A stem is a common prefix of at least MIN_STEM characters: measure the common prefix once, then an ending
  // is only tried where the lengths leave such a stem (most pairs fail on their first letters).
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a.charCodeAt(common) === b.charCodeAt(common)) common += 1;
  if (common < MIN_STEM) return false;
  for (const [x, y] of GENDER_ENDINGS) if (endsAsVariant(a, b, x, y, common) || endsAsVariant(b, a, x, y, common)) return true;
  return false;
}

/** `left` is stem + x and `right` is stem + y, for a stem within their common prefix. */
function endsAsVariant(left: string, right: string, x: string, y: string, common: number): boolean {
  // A vowel doubled at the end (Sylvie, Sylviee) is a typo, not the other sex's ending.
  if (x === '' && y.length === 1 && left.endsWith(y)) return false;
  const stem = left.length - x.length;
  return stem >= MIN_STEM && stem <= common && right.length - y.length === stem && left.endsWith(x) && right.endsWith(y);
}

// The pair loop runs these tens of millions of times: character codes and loops, no substrings or callbacks to collect.

/** left[from..from+length) equals right[from..from+length) (both long enough). */
function sameStart(left: string, right: string, from: number, length: number): boolean {
  return sameAt(left, from, right, from, length);
}

function sameAt(left: string, leftFrom: number, right: string, rightFrom: number, length: number): boolean {
  if (left.length < leftFrom + length || right.length < rightFrom + length) return false;
  for (let index = 0; index < length; index += 1) if (left.charCodeAt(leftFrom + index) !== right.charCodeAt(rightFrom + index)) return false;
  return true;
}

function sharesOne<T>(left: readonly T[], right: readonly T[]): boolean {
  for (const value of left) if (right.includes(value)) return true;
  return false;
}

/** The year of an eight-digit birth date, as Number(slice(0, 4)) read it (NaN when not digits). */
function yearOf(birth: string): number {
  let year = 0;
  for (let index = 0; index < 4; index += 1) {
    const digit = birth.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NaN;
    year = year * 10 + digit;
  }
  return year;
}

function holds(predicate: Predicate, pair: Pair): boolean {
  const { a, b } = pair;
  switch (predicate.kind) {
    case 'exact': {
      const left = a[predicate.field];
      return left !== null && left === b[predicate.field];
    }
    case 'jaroWinkler':
      return pair.jaroWinkler(predicate.field) >= predicate.min;
    case 'editDistance': {
      const left = a[predicate.field];
      const right = b[predicate.field];
      return left !== null && right !== null && levenshtein(left, right) <= predicate.max;
    }
    case 'sameDigits': {
      const left = a[predicate.field];
      const right = b[predicate.field];
      return left !== null && right !== null && left.replace(/\D+/g, '') === right.replace(/\D+/g, '');
    }
    case 'prefix': {
      const left = a[predicate.field];
      const right = b[predicate.field];
      return left !== null && right !== null && left.length >= predicate.length && sameStart(left, right, 0, predicate.length);
    }
    case 'initial': {
      const left = a[predicate.field];
      const right = b[predicate.field];
      if (left === null || right === null) return false;
      return (isInitial(left) || isInitial(right)) && left[0] === right[0];
    }
    case 'genderVariant':
      return a.given !== null && b.given !== null && genderVariants(a.given, b.given);
    case 'nickname':
      return a.givenGroups.length > 0 && sharesOne(a.givenGroups, b.givenGroups);
    case 'namesTransposed': {
      if (a.given === null || a.family === null || b.given === null || b.family === null) return false;
      return pair.givenFamily() >= predicate.min && pair.familyGiven() >= predicate.min;
    }
    case 'namesCrossed':
      // Not when the family names agree as they stand: then a given name merely resembles the surname (William Williams).
      if (a.family !== null && b.family !== null && pair.jaroWinkler('family') >= predicate.min) return false;
      return (
        (a.given !== null && b.family !== null && pair.givenFamily() >= predicate.min) ||
        (a.family !== null && b.given !== null && pair.familyGiven() >= predicate.min)
      );
    case 'dayMonthSwapped': {
      const left = a.birth;
      const right = b.birth;
      if (left === null || right === null || left === right) return false;
      // YYYYMMDD: the same year, each one's month the other's day.
      return sameStart(left, right, 0, 4) && sameAt(left, 4, right, 6, 2) && sameAt(left, 6, right, 4, 2);
    }
    case 'digitsOff': {
      const left = a[predicate.field];
      const right = b[predicate.field];
      return left !== null && right !== null && digitsApart(left, right) <= predicate.max;
    }
    case 'sameYear':
      return a.birth !== null && b.birth !== null && sameStart(a.birth, b.birth, 0, 4);
    case 'yearsApart': {
      if (a.birth === null || b.birth === null) return false;
      const apart = Math.abs(yearOf(a.birth) - yearOf(b.birth));
      return apart >= predicate.min && apart <= (predicate.max ?? Infinity);
    }
    case 'shared':
      return sharesOne(a[predicate.field], b[predicate.field]);
    case 'all':
      for (const inner of predicate.of) if (!holds(inner, pair)) return false;
      return true;
    case 'any':
      for (const inner of predicate.of) if (holds(inner, pair)) return true;
      return false;
    case 'else':
      return true;
  }
}

/** The comparisons' `requires` as Features.present masks, computed once per comparison list. */
const requiredMasks = new WeakMap<readonly Comparison[], Int32Array>();

function requiresOf(comparisons: readonly Comparison[]): Int32Array {
  let masks = requiredMasks.get(comparisons);
  if (masks === undefined) requiredMasks.set(comparisons, (masks = Int32Array.from(comparisons, (comparison) => presenceMask(comparison.requires))));
  return masks;
}

/** The level index of one comparison for one pair whose records both have a required field. */
function compareOne(comparison: Comparison, pair: Pair): number {
  for (let level = 0; level < comparison.levels.length; level += 1) {
    if (holds((comparison.levels[level] as Level).when, pair)) return level;
  }
  return comparison.levels.length - 1;
}

/** The levels of every comparison for one pair (−1 = missing). */
export function compare(comparisons: readonly Comparison[], a: Features, b: Features): Int8Array {
  return compareInto(comparisons, a, b, new Int8Array(comparisons.length));
}

/** compare() into a buffer the caller reuses: the pair loops run it millions of times. */
export function compareInto(comparisons: readonly Comparison[], a: Features, b: Features, levels: Int8Array): Int8Array {
  const pair = current.reset(a, b);
  const required = requiresOf(comparisons);
  for (let index = 0; index < comparisons.length; index += 1) {
    const mask = required[index] as number;
    // Missing (−1) when either record lacks every required field: blank is no evidence.
    levels[index] = (a.present & mask) === 0 || (b.present & mask) === 0 ? -1 : compareOne(comparisons[index] as Comparison, pair);
  }
  return levels;
}

/** Level names of a pair, for tests and explanations: `{ given: 'nickname', birthDate: 'exact', … }`. */
export function levelNames(comparisons: readonly Comparison[], levels: Int8Array): Record<string, string | null> {
  const names: Record<string, string | null> = {};
  comparisons.forEach((comparison, index) => {
    const level = levels[index] as number;
    names[comparison.name] = level < 0 ? null : (comparison.levels[level] as Level).name;
  });
  return names;
}
