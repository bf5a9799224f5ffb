import { describe, expect, it } from 'vitest';
import { cellBadge, cellToggle, channelBadge, channelToggle } from './contact-text';

describe('the Communication grid', () => {
  it('turns a cell over in one click, and a channel’s do-not-contact too', () => {
    expect(cellToggle({ state: 'none' })).toBe('refused');
    expect(cellToggle({ state: 'authorised' })).toBe('refused');
    expect(cellToggle({ state: 'refused' })).toBe('authorised');
    expect(channelToggle({ doNotContact: false })).toBe('refused');
    expect(channelToggle({ doNotContact: true })).toBe('authorised');
  });

  it('says first whether contact is allowed: an authorisation on a closed channel reads do-not-contact', () => {
    expect(cellBadge({ state: 'authorised', answer: { allowed: false, reason: 'doNotContact' } })).toEqual({
      label: 'contact.blocked.doNotContact',
      tone: 'badge-off',
    });
    expect(cellBadge({ state: 'refused', answer: { allowed: false, reason: 'refusedForPurpose' } })).toEqual({
      label: 'contact.blocked.refusedForPurpose',
      tone: 'badge-off',
    });
    expect(cellBadge({ state: 'authorised', answer: { allowed: true, reason: null } })).toEqual({ label: 'contact.states.authorised', tone: 'badge-ok' });
    expect(cellBadge({ state: 'none', answer: { allowed: true, reason: null } })).toEqual({ label: 'contact.allowed', tone: '' });
    expect(channelBadge({ doNotContact: true, everyPurpose: 'refused' }).label).toBe('contact.blocked.doNotContact');
    expect(channelBadge({ doNotContact: false, everyPurpose: 'none' }).label).toBe('contact.states.none');
  });
});
