import { describe, expect, it } from 'vitest';
import type { Source } from '../../../main/api/contract';
import { mappingFromDraft, type Mapping } from './mapping';
import { draftOverHeaders, editsMapping, initialDraft, saveInput, sameMapping } from './source-edit';

const MAPPING: Mapping = {
  version: 1,
  columns: [
    { column: 'no_client', field: 'sourceRecordId' },
    { column: 'courriel', field: 'email' },
    { column: 'nom', field: 'familyName' },
  ],
  recordKey: 'no_client',
  dateFormat: 'YYYY-MM-DD',
  birthDateFormat: 'DD/MM/YYYY',
  defaultCountry: 'CA',
};

function source(extra: Partial<Source> = {}): Source {
  return {
    id: 1,
    name: 'Boutique',
    kind: 'file',
    purposes: [{ purpose: 'customer relationship', basis: 'contract' }],
    lawfulBasis: 'contract',
    defaultCountry: 'CA',
    mapping: MAPPING,
    readOptions: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastRun: null,
    ...extra,
  };
}

const DECLARED = { purposes: [{ purpose: 'customer relationship', basis: 'contract' }], lawfulBasis: 'contract', defaultCountry: 'CA' } as const;

describe('editing a source from the Sources screen', () => {
  it('edits the saved mapping of a file source only', () => {
    expect(editsMapping(source())).toBe(true);
    expect(editsMapping(source({ kind: 'folder' }))).toBe(false);
    expect(editsMapping(source({ mapping: null }))).toBe(false);
    expect(initialDraft(source({ kind: 'rest' }))).toBeNull();
  });

  it('opens the saved mapping on its own columns, in the declared country', () => {
    const draft = initialDraft(source({ defaultCountry: 'FR' }))!;
    expect(draft.rows.map((row) => row.column)).toEqual(['no_client', 'courriel', 'nom']);
    expect(draft.defaultCountry).toBe('FR');
  });

  it('sends nothing when nothing changed, and the mapping only when it changed', () => {
    const opened = initialDraft(source())!;
    expect(saveInput(source(), DECLARED, opened)).toBeNull();
    // Laid over a file whose columns come in another order, with one more: still the same mapping.
    expect(saveInput(source(), DECLARED, draftOverHeaders(opened, ['nom', 'extra', 'courriel', 'no_client']))).toBeNull();

    const basis = saveInput(source(), { ...DECLARED, lawfulBasis: 'consent' }, opened);
    expect(basis).toEqual({ name: 'Boutique', purposes: [{ purpose: 'customer relationship', basis: 'contract' }], lawfulBasis: 'consent', defaultCountry: 'CA' });
    // A basis per purpose is a change of its own.
    const perPurpose = saveInput(source(), { ...DECLARED, purposes: [{ purpose: 'customer relationship', basis: 'legitimate_interests' }] }, opened);
    expect(perPurpose?.purposes).toEqual([{ purpose: 'customer relationship', basis: 'legitimate_interests' }]);

    const unmapped = { ...opened, rows: opened.rows.map((row) => (row.column === 'nom' ? { ...row, field: '' as const } : row)) };
    const input = saveInput(source(), DECLARED, unmapped);
    expect(input?.mapping?.columns.map((column) => column.column)).toEqual(['no_client', 'courriel']);
  });

  it('keeps the steward’s edits when a file is read, its other columns offered unmapped', () => {
    const opened = initialDraft(source())!;
    const edited = { ...opened, recordKey: 'courriel' };
    const over = draftOverHeaders(edited, ['no_client', 'prénom', 'nom', 'courriel']);
    expect(over.rows).toEqual([
      { column: 'no_client', field: 'sourceRecordId', purpose: '' },
      { column: 'prénom', field: '', purpose: '' },
      { column: 'nom', field: 'familyName', purpose: '' },
      { column: 'courriel', field: 'email', purpose: '' },
    ]);
    expect(mappingFromDraft(over).recordKey).toBe('courriel');
  });

  it('reads an absent decimal separator as the point', () => {
    expect(sameMapping(MAPPING, { ...MAPPING, decimal: '.' })).toBe(true);
    expect(sameMapping(MAPPING, { ...MAPPING, decimal: ',' })).toBe(false);
  });
});
