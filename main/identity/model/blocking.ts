/**
 * Blocking: only records that share at least one cheap key are compared, so the number of comparisons stays
 * near linear instead of n²/2. Several keys, each tolerant of a different corruption (a typo in the family
 * name, a wrong birth date, a move), so a true pair is lost only when every key disagrees. Keys are data:
 * a list of parts, each a feature and a transform; a part with no value means the record has no key (blank
 * is never a key: two blanks would otherwise block together).
 *
 * A block larger than `maxBlockSize` is skipped (and reported): it is a common value (a shared office
 * phone, a big city's postcode) that says little and would cost quadratically.
 */
import type { TextField } from './comparisons';
import type { Features } from './record';
import { soundex } from './soundex';

export type KeyTransform = 'value' | 'prefix' | 'soundex' | 'year' | 'monthDay';

export interface KeyPart {
  field: TextField | 'emails' | 'phones';
  transform?: KeyTransform;
  /** For `prefix`. */
  length?: number;
}

export interface BlockingKey {
  name: string;
  parts: readonly KeyPart[];
  /** Sort the part values before joining, so the key survives given and family written the other way round. */
  unordered?: boolean;
}

export const DEFAULT_BLOCKING: readonly BlockingKey[] = [
  { name: 'family sound + birth year', parts: [{ field: 'family', transform: 'soundex' }, { field: 'birth', transform: 'year' }] },
  { name: 'given prefix + postal code', parts: [{ field: 'given', transform: 'prefix', length: 2 }, { field: 'postalCode' }] },
  { name: 'birth date', parts: [{ field: 'birth' }] },
  { name: 'names sound', parts: [{ field: 'given', transform: 'soundex' }, { field: 'family', transform: 'soundex' }], unordered: true },
  { name: 'street number + postal code', parts: [{ field: 'streetNumber' }, { field: 'postalCode' }] },
  { name: 'family prefix + street', parts: [{ field: 'family', transform: 'prefix', length: 2 }, { field: 'streetName', transform: 'prefix', length: 4 }] },
  { name: 'names prefix', parts: [{ field: 'given', transform: 'prefix', length: 3 }, { field: 'family', transform: 'prefix', length: 3 }], unordered: true },
  { name: 'street number + street', parts: [{ field: 'streetNumber' }, { field: 'streetName', transform: 'prefix', length: 5 }] },
  { name: 'given sound + street', parts: [{ field: 'given', transform: 'soundex' }, { field: 'streetName', transform: 'prefix', length: 5 }] },
  { name: 'given sound + birth month-day', parts: [{ field: 'given', transform: 'soundex' }, { field: 'birth', transform: 'monthDay' }] },
  { name: 'email', parts: [{ field: 'emails' }] },
  { name: 'phone', parts: [{ field: 'phones' }] },
  { name: 'national id', parts: [{ field: 'nationalId' }] },
];

export const DEFAULT_MAX_BLOCK_SIZE = 300;

export { soundex } from './soundex';

export function transformKeyPart(value: string, part: KeyPart): string | null {
  switch (part.transform ?? 'value') {
    case 'value':
      return value;
    case 'prefix':
      return value.length >= (part.length ?? 3) ? value.slice(0, part.length ?? 3) : null;
    case 'soundex':
      return soundex(value) || null;
    case 'year':
      return value.length >= 4 ? value.slice(0, 4) : null;
    case 'monthDay':
      return value.length === 8 ? value.slice(4) : null;
  }
}

/** The key values of one record for one key (several for list fields: one per email). */
export function keyValues(record: Features, key: BlockingKey): string[] {
  let values: string[][] = [[]];
  for (const part of key.parts) {
    const raw = record[part.field];
    const list = Array.isArray(raw) ? raw : raw === null ? [] : [raw];
    const transformed = list.map((value) => transformKeyPart(value, part)).filter((value): value is string => value !== null);
    if (transformed.length === 0) return [];
    values = values.flatMap((prefix) => transformed.map((value) => [...prefix, value]));
  }
  return values.map((parts) => (key.unordered === true ? [...parts].sort() : parts).join('|'));
}

export interface BlockingResult {
  /** Candidate pairs as record indices, i < j, each pair once. */
  left: Uint32Array;
  right: Uint32Array;
  /** Per key: blocks formed, pairs it proposed, blocks skipped as too large. */
  perKey: { name: string; blocks: number; pairs: number; skippedBlocks: number; skippedRecords: number }[];
}

/** Candidate pairs of a set of records under the given keys. */
export function candidatePairs(records: readonly Features[], keys: readonly BlockingKey[] = DEFAULT_BLOCKING, maxBlockSize = DEFAULT_MAX_BLOCK_SIZE): BlockingResult {
  const seen = new Set<number>();
  const left: number[] = [];
  const right: number[] = [];
  const n = records.length;
  const perKey: BlockingResult['perKey'] = [];
  for (const key of keys) {
    const blocks = new Map<string, number[]>();
    records.forEach((record, index) => {
      for (const value of new Set(keyValues(record, key))) {
        const block = blocks.get(value);
        if (block === undefined) blocks.set(value, [index]);
        else block.push(index);
      }
    });
    const stats = { name: key.name, blocks: 0, pairs: 0, skippedBlocks: 0, skippedRecords: 0 };
    for (const members of blocks.values()) {
      if (members.length < 2) continue;
      if (members.length > maxBlockSize) {
        stats.skippedBlocks += 1;
        stats.skippedRecords += members.length;
        continue;
      }
      stats.blocks += 1;
      for (let x = 0; x < members.length; x += 1) {
        for (let y = x + 1; y < members.length; y += 1) {
          const i = Math.min(members[x] as number, members[y] as number);
          const j = Math.max(members[x] as number, members[y] as number);
          const id = i * n + j;
          if (seen.has(id)) continue;
          seen.add(id);
          left.push(i);
          right.push(j);
          stats.pairs += 1;
        }
      }
    }
    perKey.push(stats);
  }
  return { left: Uint32Array.from(left), right: Uint32Array.from(right), perKey };
}
