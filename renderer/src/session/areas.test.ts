import { describe, expect, it } from 'vitest';
import { areasFor } from './areas';

describe('areasFor', () => {
  it('keeps personal data away from auditors', () => {
    expect(areasFor('auditor')).toEqual(['home', 'consent', 'requests', 'erasure', 'partners', 'retention', 'sources', 'audit', 'settings']);
    expect(areasFor('steward')).toEqual([
      'home',
      'import',
      'profiles',
      'identity',
      'consent',
      'requests',
      'erasure',
      'partners',
      'retention',
      'quality',
      'sources',
      'settings',
    ]);
    expect(areasFor('administrator')).toEqual([
      'home',
      'import',
      'profiles',
      'identity',
      'consent',
      'requests',
      'erasure',
      'partners',
      'retention',
      'quality',
      'sources',
      'audit',
      'users',
      'settings',
    ]);
  });
});
