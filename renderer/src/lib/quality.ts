/**
 * The Data quality screen's model: what the counts add up to in the chart, which bulk corrections the
 * flags of a source allow (and in which columns), and how a correction's counts are said.
 */
import type { TFunction } from 'i18next';
import type { Correction, CorrectionPlan, FlagCount } from '../../../main/api/contract';
import { formatNumber } from './format';
import type { DateFormat } from './mapping';

export type CorrectionKind = Correction['kind'];
export const CORRECTION_KINDS: readonly CorrectionKind[] = ['phoneCountry', 'postalCountry', 'dateFormat'];

/** i18next keys cannot contain dots: `event.at` is labelled by `fields.event_at`, as in the mapping step. */
export function fieldLabelKey(field: string): string {
  return `fields.${field.replaceAll('.', '_')}`;
}

/** A flag count's reason in the user's language, with its column where the sentence names one. */
export function reasonText(t: TFunction, count: Pick<FlagCount, 'code' | 'column'>): string {
  return t(`import.rejects.reason.${count.code}`, { column: count.column, defaultValue: count.code });
}

export interface ChartBar {
  readonly field: string;
  readonly code: string;
  /** The columns it adds up, in the order of the counts: the reason's sentence names them. */
  readonly columns: readonly string[];
  readonly records: number;
}

/**
 * One bar per field and reason, the columns added up: the chart says what kind of value failed and why,
 * the table below it says where. A record flagged in two columns of one field counts in both (rare: two
 * phone columns both unreadable), which the table's per-column figures make plain.
 */
export function chartBars(counts: readonly FlagCount[]): ChartBar[] {
  const bars = new Map<string, { field: string; code: string; columns: string[]; records: number }>();
  for (const count of counts) {
    const key = `${count.field}\u0000${count.code}`;
    const bar = bars.get(key);
    if (!bar) bars.set(key, { field: count.field, code: count.code, columns: [count.column], records: count.records });
    else {
      bar.records += count.records;
      if (!bar.columns.includes(count.column)) bar.columns.push(count.column);
    }
  }
  return [...bars.values()].sort((a, b) => b.records - a.records || a.field.localeCompare(b.field) || a.code.localeCompare(b.code));
}

/** The flags each kind of correction reads again (main/ingest/quality/correct.ts, matchedFlags). */
const CORRECTS: Readonly<Record<CorrectionKind, (count: FlagCount) => boolean>> = {
  phoneCountry: (count) => count.field === 'phone' && count.code === 'phone',
  postalCountry: (count) => count.field === 'postalCode' && count.code === 'postalCode',
  dateFormat: (count) => (count.field === 'birthDate' || count.field === 'event.at') && count.code === 'date',
};

/** The corrections worth offering: those that would look at some of the source's flags. */
export function correctionKinds(counts: readonly FlagCount[]): CorrectionKind[] {
  return CORRECTION_KINDS.filter((kind) => counts.some(CORRECTS[kind]));
}

/** The columns a correction of this kind could be narrowed to, each once, in the order of the counts. */
export function correctionColumns(counts: readonly FlagCount[], kind: CorrectionKind): string[] {
  return [...new Set(counts.filter(CORRECTS[kind]).map((count) => count.column))];
}

export interface CorrectionDraft {
  readonly kind: CorrectionKind;
  readonly country: string | null;
  readonly format: DateFormat;
  /** '' for every column. */
  readonly column: string;
}

/** The correction the draft describes, or null while it lacks a country. */
export function correctionOf(draft: CorrectionDraft): Correction | null {
  const column = draft.column === '' ? {} : { column: draft.column };
  if (draft.kind === 'dateFormat') return { kind: 'dateFormat', format: draft.format, ...column };
  if (draft.country === null) return null;
  return { kind: draft.kind, country: draft.country, ...column };
}

type Counts = Omit<CorrectionPlan, 'token'>;

function counted(t: TFunction, key: string, count: number, language: string): string {
  return t(key, { count, formatted: formatNumber(count, language) });
}

/** "4 flagged values: 2 will be read and stored, 2 stay flagged, in 2 records." */
export function planSentence(t: TFunction, plan: Counts, language: string): string {
  if (plan.matched === 0) return t('quality.correct.nothingMatched');
  return t('quality.correct.plan', {
    matched: counted(t, 'quality.correct.matched', plan.matched, language),
    fixed: counted(t, 'quality.correct.fixed', plan.fixed, language),
    still: counted(t, 'quality.correct.still', plan.stillFlagged, language),
    records: counted(t, 'quality.correct.records', plan.records, language),
  });
}

/** "Done: 2 values were read and stored, in 2 records; 0 are still flagged." */
export function doneSentence(t: TFunction, done: Counts, language: string): string {
  return t('quality.correct.done', {
    fixed: counted(t, 'quality.correct.doneFixed', done.fixed, language),
    records: counted(t, 'quality.correct.records', done.records, language),
    still: counted(t, 'quality.correct.doneStill', done.stillFlagged, language),
  });
}
