import { describe, expect, it } from 'vitest';
import type { ConsentEventKind } from './contract';
import { deriveState, deriveStates, type LedgerEvent } from './derive';

const NOW = new Date('2026-06-01T12:00:00.000Z');
let nextId = 1;
function event(kind: ConsentEventKind, at: string | null, extra: Partial<LedgerEvent> = {}): LedgerEvent {
  return { id: nextId++, kind, at, recordedAt: '2026-03-01T00:00:00.000Z', expiresAt: null, ...extra };
}

describe('the state of a consent, from the ledger alone', () => {
  it('is none without events, and the latest event wins whatever the order of the ledger', () => {
    expect(deriveState([], NOW)).toEqual({ state: 'none', since: null, eventId: null });
    const grant = event('grant', '2025-01-01T00:00:00.000Z');
    const withdrawal = event('withdrawal', '2025-06-01T00:00:00.000Z');
    const again = event('grant', '2026-01-01T00:00:00.000Z');
    expect(deriveState([again, grant, withdrawal], NOW)).toEqual({ state: 'granted', since: '2026-01-01T00:00:00.000Z', eventId: again.id });
    expect(deriveState([withdrawal, grant], NOW)).toEqual({ state: 'withdrawn', since: '2025-06-01T00:00:00.000Z', eventId: withdrawal.id });
  });

  it('lets a withdrawal or an objection override an older grant, and a no beat a yes of the same instant', () => {
    const time = '2025-05-05T10:00:00.000Z';
    expect(deriveState([event('objection', time), event('grant', time)], NOW).state).toBe('objected');
    expect(deriveState([event('withdrawal', time), event('grant', time)], NOW).state).toBe('withdrawn');
    expect(deriveState([event('grant', '2025-01-01'), event('objection', '2025-02-01')], NOW)).toMatchObject({ state: 'objected', since: '2025-02-01' });
  });

  it('orders times written other ways than the vault writes them (no milliseconds, an offset) by the instant they name', () => {
    // 11:30 in Montreal (UTC−4 in summer) is 15:30 UTC: after the 15:00 grant, before the 16:00 one.
    const grant = event('grant', '2025-06-01T15:00:00Z');
    const withdrawal = event('withdrawal', '2025-06-01T11:30:00-04:00');
    expect(deriveState([withdrawal, grant], NOW)).toMatchObject({ state: 'withdrawn', eventId: withdrawal.id });
    expect(deriveState([withdrawal, grant, event('grant', '2025-06-01T16:00:00.000Z')], NOW).state).toBe('granted');
    // A time after now in another spelling has not happened yet.
    expect(deriveState([grant, event('withdrawal', '2026-06-01T09:00:00-04:00')], NOW).state).toBe('granted');
  });

  it('applies expiry: an expiry event ends a grant in force, a grant given for a time lapses then', () => {
    expect(deriveState([event('grant', '2025-01-01'), event('expiry', '2025-07-01')], NOW)).toMatchObject({ state: 'expired', since: '2025-07-01' });
    // An expiry has nothing to end after a withdrawal.
    expect(deriveState([event('withdrawal', '2025-01-01'), event('expiry', '2025-07-01')], NOW).state).toBe('withdrawn');
    const lapsing = event('grant', '2025-01-01T00:00:00.000Z', { expiresAt: '2026-01-01T00:00:00.000Z' });
    expect(deriveState([lapsing], NOW)).toEqual({ state: 'expired', since: '2026-01-01T00:00:00.000Z', eventId: lapsing.id });
    expect(deriveState([lapsing], new Date('2025-12-31T00:00:00.000Z')).state).toBe('granted');
    // Lapsed before a later withdrawal: the withdrawal is what stands.
    expect(deriveState([lapsing, event('withdrawal', '2026-02-01T00:00:00.000Z')], NOW).state).toBe('withdrawn');
    // Renewed after lapsing: granted again.
    expect(deriveState([lapsing, event('grant', '2026-03-01T00:00:00.000Z')], NOW).state).toBe('granted');
  });

  it('orders an undated event by when the vault learned it, and ignores what has not happened yet', () => {
    const undated = event('withdrawal', null, { recordedAt: '2025-09-01T00:00:00.000Z' });
    expect(deriveState([event('grant', '2025-08-01T00:00:00.000Z'), undated], NOW)).toMatchObject({ state: 'withdrawn', since: '2025-09-01T00:00:00.000Z' });
    expect(deriveState([event('grant', '2025-08-01T00:00:00.000Z'), event('withdrawal', '2026-07-01T00:00:00.000Z')], NOW).state).toBe('granted');
  });

  it('keeps each purpose to its own events', () => {
    const states = deriveStates(
      [
        { ...event('grant', '2025-01-01'), purposeId: 1 },
        { ...event('withdrawal', '2025-02-01'), purposeId: 2 },
        { ...event('withdrawal', '2024-12-01'), purposeId: 1 },
      ],
      NOW,
    );
    expect([states.get(1)?.state, states.get(2)?.state, states.get(3)]).toEqual(['granted', 'withdrawn', undefined]);
  });
});
