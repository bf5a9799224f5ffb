import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditNames } from '../../../main/api/contract';
import { translator } from '../i18n/test-translator';
import { formatNumber } from './format';
import { detailFields, detailSummary, filterSummary, nameRequest, objectText } from './audit-labels';

const NBSP = '\u00a0';
const SHA = 'a'.repeat(64);
const names: AuditNames = {
  users: { 3: 'Audrey Auditor' },
  sources: { 2: 'CRM' },
  runs: { 9: { sourceId: 2, sourceName: 'CRM' } },
  connectors: { 4: { sourceId: 2, sourceName: 'CRM' } },
};

function entry(partial: Partial<AuditEntry>): AuditEntry {
  return { seq: 1, at: '2026-01-05T10:00:00.000Z', actorId: 1, actorName: 'Alice', action: 'import.completed', objectType: null, objectId: null, details: {}, prevHash: SHA, hash: SHA, ...partial };
}

describe('an audit entry in words', () => {
  it('names its object, in the reader’s language, and a person only by number', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    expect(objectText('import_run', '9', names, en)).toEqual({ text: 'Run 9 of “CRM”' });
    expect(objectText('import_run', '9', names, fr)).toEqual({ text: `Import 9 de «${NBSP}CRM${NBSP}»` });
    expect(objectText('import_run', '10', names, en)).toEqual({ text: 'Run #10' });
    expect(objectText('source', '2', names, en)).toEqual({ text: 'Source “CRM”' });
    expect(objectText('user', '3', names, en)).toEqual({ text: 'User “Audrey Auditor”' });
    expect(objectText('connector', '4', names, en)).toEqual({ text: 'Connector of “CRM”' });
    expect(objectText('profile', '42', names, en)).toEqual({ text: 'Person 42' });
    expect(objectText('vault', 'f'.repeat(32), names, en)).toEqual({ text: 'Vault ffffffff…', full: 'f'.repeat(32) });
    expect(objectText(null, null, names, en)).toBeNull();
  });

  it('labels its details, ids by name, hashes shortened with their whole value kept', async () => {
    const en = await translator('en');
    const details = { sourceId: 2, read: 1200, inserted: 5, fileSha256: SHA, intoNewFolder: true, role: 'auditor', mystery: 'x', purposesAfter: [] };
    const fields = detailFields(details, names, en, 'en');
    expect(fields.map((field) => [field.label, field.value])).toEqual([
      ['Source', { text: 'Source “CRM”' }],
      ['Rows read', { text: formatNumber(1200, 'en') }],
      ['Inserted', { text: '5' }],
      ['File hash (SHA-256)', { text: 'aaaaaaaaaaaa…', full: SHA }],
      ['Into a new folder', { text: 'Yes' }],
      ['Role', { text: 'Auditor' }],
      ['mystery', { text: 'x' }],
      ['Purposes after', { text: 'None' }],
    ]);
    expect(detailSummary(fields.slice(1, 3), en)).toBe(`Rows read: ${formatNumber(1200, 'en')} · Inserted: 5`);
    const fr = await translator('fr');
    expect(detailSummary(detailFields({ read: 1200 }, names, fr, 'fr'), fr)).toBe(`Lignes lues${NBSP}: ${formatNumber(1200, 'fr')}`);
  });

  it('asks names for the ids it shows, and never for a person', () => {
    const request = nameRequest([
      entry({ objectType: 'import_run', objectId: '9', details: { sourceId: 2 } }),
      entry({ objectType: 'profile', objectId: '42' }),
      entry({ objectType: 'user', objectId: '3', details: { runId: 9, filterActorId: 1 } }),
      entry({ objectType: 'vault', objectId: 'f'.repeat(32) }),
    ]);
    expect(request).toEqual({ users: [3, 1], sources: [2], runs: [9], connectors: [] });
  });

  it('says which filters an export applies', async () => {
    const en = await translator('en');
    expect(filterSummary({ action: 'import.completed', actorId: 3, objectType: 'profile', objectId: '42' }, { 3: 'Audrey Auditor' }, en, 'en')).toBe(
      'actor = Audrey Auditor, action = Import completed, person = Person 42',
    );
    expect(filterSummary({}, {}, en, 'en')).toBe('');
  });
});
