/**
 * Whether a column of a nested record holds a third party's details: a gift's recipient, whoever an order
 * is shipped to. The suggestion never maps them, and the import keeps them in the event's raw data marked
 * as a third party's, so that an access package can withhold them: they are not the customer's data.
 *
 * Renderer-safe (the mapping editor marks these paths too): no Node, nothing heavier than text folding.
 */
import { foldForSearch } from '../normalize/text';
import { THIRD_PARTY_OBJECT_WORDS, THIRD_PARTY_WORDS } from './vocabulary';

const joined = (phrase: string) => foldForSearch(phrase).replaceAll(' ', '');
const PERSON = THIRD_PARTY_WORDS.map(joined);
const HOLDER = THIRD_PARTY_OBJECT_WORDS.map(joined);

/** `shipTo`, `ship_to`, `SHIP-TO` → ['ship', 'to']. */
function tokensOf(segment: string): string[] {
  const folded = foldForSearch(segment.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})(\p{N})/gu, '$1 $2'));
  return folded === '' ? [] : folded.split(' ');
}

/** Whether consecutive tokens spell one of the phrases (`['ship', 'to']` spells `shipto`). */
function spellsAny(tokens: readonly string[], phrases: readonly string[]): boolean {
  for (let start = 0; start < tokens.length; start += 1) {
    let text = '';
    for (let end = start; end < tokens.length; end += 1) {
      text += tokens[end];
      if (phrases.includes(text)) return true;
    }
  }
  return false;
}

/** `orders[].ship_to.name` → ['orders', 'ship_to', 'name']. */
export function pathSegments(path: string): string[] {
  return path.split(/\[\]\.?|\./u).filter((segment) => segment !== '');
}

/**
 * `orders[].ship_to.name`, `shipping.city`, `gift.email`, `recipient_email`: true. `address.city`,
 * `orders[].gift` (a flag), a flat `Shipping address` column: false.
 */
export function isThirdPartyPath(path: string): boolean {
  const segments = pathSegments(path);
  return segments.some((segment, index) => {
    const tokens = tokensOf(segment);
    return spellsAny(tokens, PERSON) || (index < segments.length - 1 && spellsAny(tokens, HOLDER));
  });
}
