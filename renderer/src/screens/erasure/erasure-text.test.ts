import { describe, expect, it } from 'vitest';
import { REMOVED_KINDS, type Removed } from '../../../../main/api/contract';
import {
  bulkSkipReason,
  confirmationMatches,
  erasureErrorReason,
  erasuresPerMonth,
  isPlanChanged,
  removedEntries,
  removedTotal,
  selectAllState,
  waitingErasureRequests,
} from './erasure-text';

const removed = Object.fromEntries(REMOVED_KINDS.map((kind, index) => [kind, index])) as Removed;

describe('removed counts', () => {
  it('keep the contract’s order, zeros included, and add up', () => {
    const entries = removedEntries(removed);
    expect(entries.map((entry) => entry.kind)).toEqual([...REMOVED_KINDS]);
    expect(entries[0]).toEqual({ kind: 'records', count: 0 });
    expect(removedTotal(removed)).toBe((REMOVED_KINDS.length * (REMOVED_KINDS.length - 1)) / 2);
  });
});

describe('erasure errors', () => {
  it('name the reasons they word, and only those', () => {
    expect(erasureErrorReason({ code: 'CONFLICT', message: '', params: { reason: 'legalHold' } })).toBe('legalHold');
    expect(erasureErrorReason({ code: 'CONFLICT', message: '', params: { reason: 'importRunning' } })).toBeNull();
    expect(erasureErrorReason({ code: 'INTERNAL', message: '' })).toBeNull();
    expect(erasureErrorReason(null)).toBeNull();
  });

  it('tell a changed plan apart', () => {
    expect(isPlanChanged({ code: 'CONFLICT', message: '', params: { reason: 'planChanged' } })).toBe(true);
    expect(isPlanChanged({ code: 'CONFLICT', message: '', params: { reason: 'legalHold' } })).toBe(false);
  });
});

describe('erasuresPerMonth', () => {
  it('counts by month and fills the months between', () => {
    expect(
      erasuresPerMonth([{ erasedAt: '2026-11-03T10:00:00.000Z' }, { erasedAt: '2027-01-30T10:00:00.000Z' }, { erasedAt: '2026-11-28T10:00:00.000Z' }]),
    ).toEqual([
      { month: '2026-11', count: 2 },
      { month: '2026-12', count: 0 },
      { month: '2027-01', count: 1 },
    ]);
    expect(erasuresPerMonth([])).toEqual([]);
  });
});

describe('confirmationMatches', () => {
  it('wants the person’s number', () => {
    expect(confirmationMatches(' 42 ', 42)).toBe(true);
    expect(confirmationMatches('#42', 42)).toBe(true);
    expect(confirmationMatches('4', 42)).toBe(false);
    expect(confirmationMatches('', 42)).toBe(false);
  });
});

describe('bulk erasure', () => {
  it('takes verified erasure requests only, the nearest deadline first', () => {
    const requests = [
      { id: 1, type: 'erasure', status: 'verified', deadline: '2027-02-01' },
      { id: 2, type: 'access', status: 'verified', deadline: '2027-01-01' },
      { id: 3, type: 'erasure', status: 'open', deadline: '2027-01-01' },
      { id: 4, type: 'erasure', status: 'closed', deadline: '2027-01-01' },
      { id: 5, type: 'erasure', status: 'verified', deadline: '2027-01-15' },
      { id: 6, type: 'erasure', status: 'verified', deadline: '2027-01-15' },
    ] as const;
    expect(waitingErasureRequests(requests).map((request) => request.id)).toEqual([5, 6, 1]);
  });

  it('words the reasons it knows and leaves the others raw', () => {
    expect(bulkSkipReason('legalHold')).toBe('legalHold');
    expect(bulkSkipReason('noActiveProfile')).toBe('noActiveProfile');
    expect(bulkSkipReason('failed')).toBeNull();
  });

  it('tells all, some or none selected', () => {
    expect(selectAllState([1, 2], new Set([1, 2, 9]))).toBe('all');
    expect(selectAllState([1, 2], new Set([2]))).toBe('some');
    expect(selectAllState([1, 2], new Set())).toBe('none');
    expect(selectAllState([], new Set())).toBe('none');
  });

  it('confirms with the number of people', () => {
    expect(confirmationMatches('2', 2)).toBe(true);
    expect(confirmationMatches('3', 2)).toBe(false);
  });
});
