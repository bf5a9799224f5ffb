import { describe, expect, it } from 'vitest';
import { KnownRows, mappingSeed, rowFingerprint } from './known-rows';
import { suggestMapping } from './mapping/suggest';
import type { ReadItem } from './types';
import { prepareItems } from './write-items';

const HEADERS = ['customer_no', 'first_name', 'email', 'phone'];
const mapping = { ...suggestMapping(HEADERS, []), defaultCountry: 'CA' };

function item(line: number, values: Record<string, string>): ReadItem {
  return { kind: 'row', row: { line, values } };
}

describe('known rows', () => {
  const stored = item(2, { customer_no: 'C1', first_name: 'Zoé', email: 'zoe@exemple.ca', phone: '514 555 0199' });
  const changed = item(3, { customer_no: 'C2', first_name: 'Léo', email: 'leo@exemple.ca', phone: '514 555 0100' });

  function knownFor(rows: readonly ReadItem[], withMapping = mapping): KnownRows {
    const texts = prepareItems(rows, withMapping).map((prepared) => (prepared.kind === 'record' ? prepared.record.rowHash : ''));
    return KnownRows.build(texts, texts.length)!;
  }

  it('pass a row a record was written from as "same", with only its key, and prepare every other row', () => {
    const known = knownFor([stored]);
    const [same, other] = prepareItems([stored, changed], mapping, known);
    expect(same).toEqual({
      kind: 'same',
      line: 2,
      key: 'C1',
      rowHash: expect.stringMatching(/^[\w-]{22}$/),
      raw: JSON.stringify(stored.kind === 'row' && stored.row.values),
    });
    expect(other).toMatchObject({ kind: 'record', line: 3, record: { key: 'C2' } });
  });

  it('stop matching when the mapping changes, since the same row may then become another record', () => {
    const known = knownFor([stored]);
    const otherMapping = { ...mapping, defaultCountry: 'FR' };
    // Normalized again under the new mapping: the Montréal number is not a French one, so it is flagged.
    expect(prepareItems([stored], otherMapping, known)[0]).toMatchObject({
      kind: 'record',
      record: { flags: [{ field: 'phone', reason: expect.stringContaining('not a valid phone number for FR') }] },
    });
  });

  it('tell fingerprints apart by their bytes, through table growth, and know nothing of an empty source', () => {
    const seed = mappingSeed(mapping);
    const texts = Array.from({ length: 50_000 }, (_, n) => rowFingerprint(seed, `{"n":${n}}`).text);
    const known = KnownRows.build(texts, texts.length)!;
    for (let n = 0; n < 50_000; n += 499) expect(known.has(rowFingerprint(seed, `{"n":${n}}`).bytes)).toBe(true);
    expect(known.has(rowFingerprint(seed, '{"n":50000}').bytes)).toBe(false);
    expect(KnownRows.build([], 0)).toBeNull();
  });
});
