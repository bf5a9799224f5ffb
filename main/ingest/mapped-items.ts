/** A read item after mapping: what the writer needs, produced in the parse worker or in-thread. */
import { applyMapping, type ApplyResult } from './mapping/apply';
import type { Mapping } from './mapping/fields';
import type { RawRow, ReadItem, ReadProblem } from './types';

export type MappedItem = { readonly kind: 'row'; readonly row: RawRow; readonly result: ApplyResult } | { readonly kind: 'problem'; readonly problem: ReadProblem };

export function mapItems(items: readonly ReadItem[], mapping: Mapping): MappedItem[] {
  return items.map((item) => (item.kind === 'row' ? { kind: 'row', row: item.row, result: applyMapping(item.row, mapping) } : { kind: 'problem', problem: item.problem }));
}
