/**
 * How systems damage what people tell them: keying errors, diminutives, a keyboard without accents, a form that
 * swaps first and last name, Excel turning a phone number into 5.14555E+09, dates read the American way. Each
 * function takes the clean value and returns what a source would store.
 */
import { ascii } from './population';
import type { Dice } from './random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keying error: a letter substituted, dropped, doubled or two neighbours exchanged (rarely the first). */
export function typo(dice: Dice, value: string): string {
  if (value.length < 3) return value;
  const at = dice.between(1, value.length - 1);
  switch (dice.int(4)) {
    case 0:
      return value.slice(0, at) + dice.pick([...LETTERS]) + value.slice(at + 1);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return value.slice(0, at) + value[at] + value.slice(at);
    default:
      return at + 1 < value.length ? value.slice(0, at) + value[at + 1] + value[at] + value.slice(at + 2) : value.slice(0, at);
  }
}

export { ascii as dropAccents };

/** A Gmail address as people type it: dots moved, a +tag, the old googlemail domain. Others: a +tag at most. */
export function emailVariant(dice: Dice, email: string): string {
  const at = email.indexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (domain === 'gmail.com') {
    if (dice.chance(0.5)) {
      const cut = 1 + dice.int(Math.max(1, local.length - 1));
      local = local.includes('.') ? local.replace(/\./g, '') : `${local.slice(0, cut)}.${local.slice(cut)}`;
    }
    if (dice.chance(0.3)) domain = 'googlemail.com';
  }
  if (dice.chance(0.3)) local = `${local}+${dice.pick(['shop', 'promo', 'news', 'web'])}`;
  return `${dice.chance(0.15) ? local.toUpperCase() : local}@${domain}`;
}

/**
 * The phone as a source stores it. `+15145550101` becomes `(514) 555-0101`, `514.555.0101`, `1-514-555-0101`
 * or, after a round trip through a spreadsheet, `5.14555E+09` (digits lost for good).
 */
export function phoneFormat(dice: Dice, e164: string, excelDamage: number): string {
  const polish = e164.startsWith('+48');
  const national = e164.slice(polish ? 3 : 2);
  if (dice.chance(excelDamage)) return `${national[0]}.${national.slice(1, 6)}E+${String(national.length - 1).padStart(2, '0')}`;
  if (polish) {
    return dice.pick([e164, `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, `+48 ${national}`, `0048${national}`]);
  }
  const [area, exchange, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  return dice.pick([
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    national,
    `1-${area}-${exchange}-${line}`,
    `+1 ${area} ${exchange} ${line}`,
  ]);
}

/** A birth date as a source got it wrong: day and month exchanged (only where both read as a month), or one digit off. */
export function birthVariant(dice: Dice, birth: string): string {
  const day = birth.slice(6, 8);
  if (dice.chance(0.5) && Number(day) <= 12 && day !== birth.slice(4, 6)) return birth.slice(0, 4) + day + birth.slice(4, 6);
  const at = dice.pick([2, 3, 5, 7]);
  const digit = (Number(birth[at]) + dice.between(1, at === 5 ? 1 : 9)) % 10;
  const changed = birth.slice(0, at) + String(digit) + birth.slice(at + 1);
  return Number(changed.slice(4, 6)) >= 1 && Number(changed.slice(4, 6)) <= 12 && Number(changed.slice(6, 8)) >= 1 ? changed : birth;
}
