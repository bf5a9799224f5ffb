import { describe, expect, it } from 'vitest';
import { contactAllowed, deriveContactState, type ContactFact } from './state';

let next = 0;
const fact = (channel: ContactFact['channel'], purpose: string | null, kind: ContactFact['kind'], at: string): ContactFact => ({
  id: (next += 1),
  channel,
  purpose,
  kind,
  at,
});

describe('contact state', () => {
  it('allows contact when nothing is recorded', () => {
    expect(contactAllowed(deriveContactState([]), 'email', 'email_marketing')).toEqual({ allowed: true, reason: null });
  });

  it('lets the latest entry for a channel and purpose win, whatever order they are read in', () => {
    const facts = [fact('email', 'email_marketing', 'authorised', '2026-03-01T00:00:00Z'), fact('email', 'email_marketing', 'refused', '2026-02-01T00:00:00Z')];
    const state = deriveContactState(facts);
    expect(contactAllowed(state, 'email', 'email_marketing')).toEqual({ allowed: true, reason: null });
    expect(
      contactAllowed(deriveContactState([...facts, fact('email', 'email_marketing', 'refused', '2026-04-01T00:00:00Z')]), 'email', 'email_marketing'),
    ).toEqual({
      allowed: false,
      reason: 'refusedForPurpose',
    });
    // The same time: the one recorded last.
    const tie = [fact('sms', 'analytics', 'refused', '2026-01-01T00:00:00Z'), fact('sms', 'analytics', 'authorised', '2026-01-01T00:00:00Z')];
    expect(contactAllowed(deriveContactState([...tie].reverse()), 'sms', 'analytics').allowed).toBe(true);
  });

  it('keeps channels and purposes apart', () => {
    const state = deriveContactState([fact('email', 'email_marketing', 'refused', '2026-01-01T00:00:00Z')]);
    expect(contactAllowed(state, 'sms', 'email_marketing').allowed).toBe(true);
    expect(contactAllowed(state, 'email', 'profiling').allowed).toBe(true);
  });

  it('makes a refusal for every purpose do-not-contact, over any authorisation for a purpose, until lifted for every purpose', () => {
    const closed = [fact('phone', null, 'refused', '2026-01-01T00:00:00Z'), fact('phone', 'customer_relationship', 'authorised', '2026-02-01T00:00:00Z')];
    expect(contactAllowed(deriveContactState(closed), 'phone', 'customer_relationship')).toEqual({ allowed: false, reason: 'doNotContact' });
    const lifted = [...closed, fact('phone', null, 'authorised', '2026-03-01T00:00:00Z')];
    expect(contactAllowed(deriveContactState(lifted), 'phone', 'customer_relationship')).toEqual({ allowed: true, reason: null });
    // Lifting do-not-contact does not undo a refusal for one purpose.
    const refusedBefore = [fact('post', 'analytics', 'refused', '2026-01-01T00:00:00Z'), fact('post', null, 'authorised', '2026-02-01T00:00:00Z')];
    expect(contactAllowed(deriveContactState(refusedBefore), 'post', 'analytics')).toEqual({ allowed: false, reason: 'refusedForPurpose' });
  });
});
