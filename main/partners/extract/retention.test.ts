/** An extract leaves out people whose maintain-until date for a purpose of the lease has passed, and can ask for those still kept on a day. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';

let now = new Date('2026-06-29T14:00:00Z');
let backend: Backend;
let folder: string;

/** Three customers: last orders in 2022 (past a 3-year rule), in 2024 (until 2027-02-10) and last week. */
const customers = [
  {
    customer: { id: 1, first_name: 'Marie', last_name: 'Tremblay', email: 'marie@exemple.ca' },
    orders: [{ id: 'o1', date: '2022-03-12T15:00:00Z', total: '10.00' }],
  },
  {
    customer: { id: 2, first_name: 'Léa', last_name: 'Gagnon', email: 'lea@exemple.ca' },
    orders: [{ id: 'o2', date: '2024-02-10T15:00:00Z', total: '10.00' }],
  },
  { customer: { id: 3, first_name: 'Zoé', last_name: 'Côté', email: 'zoe@exemple.ca' }, orders: [{ id: 'o3', date: '2026-06-20T15:00:00Z', total: '10.00' }] },
];

const preview = (input: Record<string, unknown>) => runJob(backend, 'extracts.preview', input).then(unwrap);

beforeEach(async () => {
  ({ backend } = await createVault({ now: () => now }));
  await ok(backend, 'requests.saveSettings', { timeZone: 'America/Toronto' });
  folder = tempDir('custodia-extracts-');
  const file = path.join(tempDir(), 'boutique.json');
  fs.writeFileSync(file, JSON.stringify(customers));
  const suggested = await ok(backend, 'import.preview', { file });
  unwrap(
    await runJob(backend, 'import.file', {
      file,
      source: 'Boutique',
      options: {},
      mapping: { ...suggested.mapping, defaultCountry: 'CA' },
      declaration: { purposes: ['customer_relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' },
    }),
  );
  now = new Date('2026-06-30T14:00:00Z');
});

describe('an extract and retention', () => {
  it('leaves out whoever is past their date, and keeps only those still kept on a later day when asked', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Livraisons Montréal', role: 'processor', country: 'CA', subdivision: 'QC' });
    const { id } = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Livraison',
      purposes: ['customer_relationship'],
      basis: 'contract',
      fields: ['profileId', 'email'],
      validFrom: '2026-06-30',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder },
    });
    // No rule yet: no date to pass.
    expect(await preview({ agreementId: id })).toMatchObject({ audience: 3, included: 3 });
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    expect(await preview({ agreementId: id })).toMatchObject({ audience: 3, included: 2, excluded: { retentionEnded: 1 } });
    expect(await preview({ agreementId: id, audience: { keptOn: '2027-03-01' } })).toMatchObject({ audience: 1, included: 1 });
    const run = unwrap(await runJob(backend, 'extracts.run', { agreementId: id, format: 'csv' }));
    expect(run.people).toBe(2);
    expect(fs.readFileSync(path.join(folder, run.fileName), 'utf8')).not.toContain('marie@exemple.ca');
  });
});
