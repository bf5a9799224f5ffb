/**
 * An agreement's access window: the weekdays and hours extracts may run, in the vault's time zone. Written
 * `Mon-Fri 08:00-18:00` or `Mon,Wed,Sat 09:00-12:00` on the CLI and in the register's export.
 */
import type { AccessWindow } from './contract';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function dayNumber(name: string): number | null {
  const index = DAY_NAMES.findIndex((day) => day.toLowerCase() === name.trim().slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

/** `Mon-Fri 08:00-18:00` → { days: [1…5], from: '08:00', to: '18:00' }; null when it cannot be read. */
export function parseWindow(text: string): AccessWindow | null {
  const match = /^\s*([A-Za-z,\- ]+?)\s+([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)\s*$/.exec(text);
  if (!match) return null;
  const days = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const [first, last] = part.split('-').map(dayNumber);
    if (first === null || first === undefined || last === null) return null;
    const end = last ?? first;
    for (let day = first; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === end) break;
    }
  }
  const from = `${match[2]}:${match[3]}`;
  const to = `${match[4]}:${match[5]}`;
  if (to <= from) return null;
  return { days: [...days].sort((a, b) => a - b), from, to };
}

export function formatWindow(window: AccessWindow): string {
  const days = window.days;
  const contiguous = days.length > 1 && days.every((day, index) => index === 0 || day === days[index - 1]! + 1);
  const named = contiguous ? `${DAY_NAMES[days[0]! - 1]}-${DAY_NAMES[days.at(-1)! - 1]}` : days.map((day) => DAY_NAMES[day - 1]).join(',');
  return `${named} ${window.from}-${window.to}`;
}

/** The weekday (1 = Monday) and the time `HH:MM` of an instant in a time zone. */
export function wallClock(now: Date, timeZone: string): { weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: dayNumber(get('weekday')) ?? 1, time: `${get('hour')}:${get('minute')}` };
}

export function insideWindow(window: AccessWindow, now: Date, timeZone: string): boolean {
  const { weekday, time } = wallClock(now, timeZone);
  return window.days.includes(weekday) && time >= window.from && time < window.to;
}
