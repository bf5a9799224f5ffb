/**
 * What one row's mapping found wrong, kept two ways. A problem with one value is a **flag**: the record
 * still goes in, the value stays raw beside an empty normalized one, and the steward sees it in the data
 * quality view. Only a row that cannot be a record at all (no key and nothing that identifies anyone) is
 * rejected, with every reason listed so one correction pass fixes it.
 */
import { EXCEL_DAMAGE_REASON } from '../normalize/excel-damage';
import type { Normalized } from '../normalize/result';
import type { ReasonCode, ReasonDetail, ReasonDetails } from '../reasons';
import type { MappedEvent } from './mapped';
import { mappingTimeZone, type Mapping, type TargetField } from './fields';

/** A value kept raw because it could not be read as its field. */
export interface FieldFlag {
  /** What the value was meant to be (`phone`, `event.at`, `sourceRecordId`…). */
  readonly field: TargetField;
  /** The column or JSON path it came from (`orders[2].placed_at` inside a list). */
  readonly column: string;
  /** Full English sentence, as a reject's reason reads: "tel: not a valid phone number for CA". */
  readonly reason: string;
  readonly detail: ReasonDetail;
  /** The cell as the source sent it. */
  readonly raw: string;
  /**
   * An event whose date could not be read: everything else about it, so that correcting the date's
   * format stores the event without the file.
   */
  readonly pendingEvent?: Omit<MappedEvent, 'at'>;
  /**
   * A customer number met twice in a file: the fingerprint of the earlier row the later one replaced, so
   * the same file imported again recognizes both rows as unchanged (see known-rows.ts) instead of writing
   * the earlier one and then the later one again.
   */
  readonly supersededRow?: string;
}

/** What kind of value a normalization was for: the code of its reasons (see reasons.ts). */
export type ValueKind = 'email' | 'phone' | 'country' | 'language' | 'name' | 'text' | 'postalCode' | 'date' | 'consent' | 'amount' | 'currency';

export class RowContext {
  /** Created on the first flag: most rows have none, and this runs for every row. */
  flags: FieldFlag[] | null = null;
  /** Problems that make the row no record at all (see applyMapping). */
  readonly fatal: { reason: string; detail: ReasonDetail | null }[] = [];

  constructor(
    readonly mapping: Mapping,
    readonly now: Date,
    /** Where the source's local times are read (see normalize/time-zone.ts); the plan works it out once. */
    readonly timeZone: string = mappingTimeZone(mapping),
  ) {}

  /** The value of a normalization, or null after flagging why it failed. */
  take<T>(field: TargetField, column: string, result: Normalized<T>, kind: ValueKind): T | null {
    if (result.ok) return result.value;
    const code: ReasonCode = result.reason.startsWith('expected a single') ? 'notSingle' : result.reason === EXCEL_DAMAGE_REASON ? 'excelDamaged' : kind;
    this.flag({ field, column, reason: `${column}: ${result.reason}`, detail: { code, params: { column } }, raw: result.raw });
    return null;
  }

  flag(flag: FieldFlag): void {
    (this.flags ??= []).push(flag);
  }

  get flagCount(): number {
    return this.flags?.length ?? 0;
  }

  /** The flags once each (a key that is also a mapped email column would report its problem twice). */
  uniqueFlags(): readonly FieldFlag[] {
    if (this.flags === null) return [];
    const seen = new Set<string>();
    return this.flags.filter((flag) => {
      const key = `${flag.column}\u0000${flag.detail.code}\u0000${flag.raw}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  rejection(): { readonly reasons: readonly string[]; readonly details: ReasonDetails } {
    const reasons = [...this.fatal.map((entry) => entry.reason), ...(this.flags ?? []).map((flag) => flag.reason)];
    const details = [...this.fatal.map((entry) => entry.detail), ...(this.flags ?? []).map((flag) => flag.detail)];
    const unique = [...new Set(reasons)];
    return { reasons: unique, details: unique.map((reason) => details[reasons.indexOf(reason)] ?? null) };
  }
}
