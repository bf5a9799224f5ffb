import { describe, expect, it } from 'vitest';
import { reviewKeyAction } from './use-review-keys';

const key = (value: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean }> = {}) => ({
  key: value,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...extra,
});

describe('the review shortcuts', () => {
  it('map two letters to each decision, either case, and U to undo', () => {
    expect(['s', 'S', 'a', 'A'].map((value) => reviewKeyAction(key(value), false))).toEqual(['same', 'same', 'same', 'same']);
    expect(['d', 'r'].map((value) => reviewKeyAction(key(value), false))).toEqual(['different', 'different']);
    expect(['k', 'n'].map((value) => reviewKeyAction(key(value), false))).toEqual(['skip', 'skip']);
    expect(reviewKeyAction(key('u'), false)).toBe('undo');
    expect(reviewKeyAction(key('x'), false)).toBeNull();
  });

  it('leave typing, modified keys and held-down keys alone', () => {
    expect(reviewKeyAction(key('s'), true)).toBeNull();
    expect(reviewKeyAction(key('s', { ctrlKey: true }), false)).toBeNull();
    expect(reviewKeyAction(key('d', { metaKey: true }), false)).toBeNull();
    expect(reviewKeyAction(key('k', { altKey: true }), false)).toBeNull();
    // One decision per press: a key held down must not decide the next pairs unseen.
    expect(reviewKeyAction(key('s', { repeat: true }), false)).toBeNull();
  });
});
