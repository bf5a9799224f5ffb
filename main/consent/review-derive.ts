/**
 * One person's review rows, from their ledger alone: per purpose, the state derive.ts gives (the same
 * rules, not a copy of them), the grant's end date, the review's findings, and the month-end history the
 * coverage charts add up. Pure: the maintained table and a rebuild from scratch are this function of the
 * same events (review-state.ts).
 *
 * The findings (docs/consent.md, "The review"):
 * - **sources disagree**: two sources' latest words on the purpose differ, one a grant and the other a
 *   withdrawal or an objection (a newer opt-out in the newsletter, an older opt-in in the CRM). Expiries are
 *   facts of time, not words; a steward's own events are not a source's.
 * - **without evidence**: the grant in force has no evidence. An event recorded by hand is evidenced by its
 *   evidence reference; an imported one by that reference or by its run together with the cell as sent
 *   (`raw`), which say which file or sync and which value; an imported event without a run (never written
 *   by the import path) or without the cell is not.
 * - **still used after a withdrawal** is added afterwards from the person's records (review-state.ts).
 */
import type { ConsentEventKind, ConsentState } from './contract';
import { chronological, deriveState, effectiveTime, type LedgerEvent } from './derive';

export interface ReviewEvent extends LedgerEvent {
  readonly purposeId: number;
  readonly sourceId: number | null;
  readonly evidenced: boolean;
}

export type StoredState = Exclude<ConsentState, 'none'>;

export interface ReviewRow {
  readonly profileId: number;
  readonly purposeId: number;
  readonly state: StoredState;
  readonly since: string | null;
  readonly eventId: number | null;
  /** The end date of the grant in force, if it has one. */
  readonly lapsesAt: string | null;
  readonly disagree: boolean;
  readonly unevidenced: boolean;
  stillUsed: boolean;
  /** `YYYY-MM:g;YYYY-MM:w`: the state at the end of each month where it changed. */
  readonly timeline: string;
}

export const STATE_LETTER: Readonly<Record<ConsentState, string>> = { granted: 'g', withdrawn: 'w', expired: 'e', objected: 'o', none: 'n' };
export const LETTER_STATE: Readonly<Record<string, ConsentState>> = { g: 'granted', w: 'withdrawn', e: 'expired', o: 'objected', n: 'none' };

/** `YYYY-MM` of a time, in UTC. */
export function monthOf(time: string): string {
  // The ledger's times are UTC (`…Z`) or bare dates: their first seven characters are the month.
  if (time.length === 10 || (time.length >= 20 && time.endsWith('Z'))) return time.slice(0, 7);
  return new Date(Date.parse(time)).toISOString().slice(0, 7);
}

/** The last millisecond of a `YYYY-MM` month, in UTC. */
export function endOfMonth(month: string): number {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return Date.UTC(year, index + 1, 1) - 1;
}

const SAYS: ReadonlySet<ConsentEventKind> = new Set(['grant', 'withdrawal', 'objection']);

/** True when one source's latest word is a grant and another's a withdrawal or an objection. */
function sourcesDisagree(events: readonly ReviewEvent[], now: number): boolean {
  const latest = new Map<number, ReviewEvent>();
  for (const event of events) {
    if (event.sourceId === null || !SAYS.has(event.kind) || Date.parse(effectiveTime(event)) > now) continue;
    const before = latest.get(event.sourceId);
    if (before === undefined || chronological(before, event) < 0) latest.set(event.sourceId, event);
  }
  if (latest.size < 2) return false;
  let yes = false;
  let no = false;
  for (const event of latest.values()) {
    if (event.kind === 'grant') yes = true;
    else no = true;
  }
  return yes && no;
}

/** The state at the end of each month where something happened or a grant lapsed, kept where it changed. */
function timelineOf(events: readonly ReviewEvent[], now: Date, current: ConsentState): string {
  const nowMs = now.getTime();
  const months = new Set<string>();
  for (const event of events) {
    const time = effectiveTime(event);
    if (Date.parse(time) <= nowMs) months.add(monthOf(time));
    if (event.kind === 'grant' && event.expiresAt !== null && Date.parse(event.expiresAt) <= nowMs) months.add(monthOf(event.expiresAt));
  }
  const parts: string[] = [];
  let previous = 'n';
  const sorted = [...months].sort();
  // One month, and it is the current one: its state at the month's end so far is the state now.
  for (const month of sorted) {
    const end = endOfMonth(month);
    // The current month's end so far is now: its state is the one already derived.
    const letter = STATE_LETTER[end >= nowMs ? current : deriveState(events, new Date(end)).state];
    if (letter === previous) continue;
    parts.push(`${month}:${letter}`);
    previous = letter;
  }
  return parts.join(';');
}

/** Every purpose's review row for one person (none for a purpose whose state is `none`). */
export function reviewRows(profileId: number, events: readonly ReviewEvent[], now: Date): ReviewRow[] {
  const byPurpose = new Map<number, ReviewEvent[]>();
  for (const event of events) {
    const list = byPurpose.get(event.purposeId);
    if (list === undefined) byPurpose.set(event.purposeId, [event]);
    else list.push(event);
  }
  const rows: ReviewRow[] = [];
  const nowMs = now.getTime();
  for (const [purposeId, list] of byPurpose) {
    const derived = deriveState(list, now);
    if (derived.state === 'none') continue;
    const decisive = derived.eventId === null ? undefined : list.find((event) => event.id === derived.eventId);
    const granted = derived.state === 'granted';
    rows.push({
      profileId,
      purposeId,
      state: derived.state,
      since: derived.since,
      eventId: derived.eventId,
      lapsesAt: granted ? (decisive?.expiresAt ?? null) : null,
      disagree: sourcesDisagree(list, nowMs),
      unevidenced: granted && decisive?.evidenced !== true,
      stillUsed: false,
      timeline: timelineOf(list, now, derived.state),
    });
  }
  return rows.sort((a, b) => a.purposeId - b.purposeId);
}
