/**
 * Someone else's details in a person's data (a gift's recipient, whoever an order was shipped to) are not
 * the person's to receive (GDPR Art. 15(4)): the package leaves them out and says how many it left out.
 * The same test the import uses to keep them out of the mapping (ingest's isThirdPartyPath) decides, on the
 * row as received: flat columns (`gift_recipient_email`), flattened paths (`orders[0].ship_to.name`) and
 * nested objects alike.
 */
import { isThirdPartyPath } from '../../ingest/index';

export interface Withheld {
  readonly value: unknown;
  /** The values left out (each value of a withheld object), as found. */
  readonly withheld: readonly unknown[];
}

const INDEX = /\[\d+\]/g;

export function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}

function walk(value: unknown, path: string): Withheld {
  if (Array.isArray(value)) {
    const withheld: unknown[] = [];
    const kept = value.map((item) => {
      const inner = walk(item, `${path}[]`);
      withheld.push(...inner.withheld);
      return inner.value;
    });
    return { value: kept, withheld };
  }
  if (value === null || typeof value !== 'object') return { value, withheld: [] };
  const withheld: unknown[] = [];
  const kept: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key.replace(INDEX, '[]') : `${path}.${key.replace(INDEX, '[]')}`;
    if (isThirdPartyPath(at)) {
      withheld.push(...leaves(inner));
      continue;
    }
    const result = walk(inner, at);
    withheld.push(...result.withheld);
    kept[key] = result.value;
  }
  return { value: kept, withheld };
}

export function withholdThirdParty(value: unknown): Withheld {
  return walk(value, '');
}
