import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

/** Marie last bought in 2019 (due under a 3-year rule); Zoé ten days ago. */
const SHOP = JSON.stringify([
  {
    customer: { id: 1, first_name: 'Marie', last_name: 'Tremblay', email: 'marie@exemple.ca' },
    orders: [{ id: 'M-1', date: '2019-05-02T15:00:00Z', total: '42.50' }],
  },
  { customer: { id: 2, first_name: 'Zoé', last_name: 'Côté', email: 'zoe@exemple.ca' }, orders: [{ id: 'Z-1', date: daysAgo(10), total: '8.00' }] },
]);

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

describe('custodia retention', () => {
  it('adds a rule, lists who is due and who may still be used, holds, previews a sweep and approves it with its token', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'shop.json');
    fs.writeFileSync(file, SHOP);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'CA', '--purpose', 'customer_relationship=contract'], asAdmin(dir))).code).toBe(0);

    const added = await cli(
      ['retention', 'rules', 'add', '--purpose', 'customer_relationship', '--keep', '3y', '--from', 'last-purchase', '--action', 'anonymize'],
      asAdmin(dir),
    );
    expect(added.stdout).toBe('Rule 1: customer_relationship kept 3y from last-purchase, then anonymize.\n');
    const noLaw = await cli(
      ['retention', 'rules', 'add', '--purpose', 'customer_relationship', '--keep', '6y', '--from', 'last-purchase', '--obligation'],
      asAdmin(dir),
    );
    expect(noLaw.code).not.toBe(0);
    expect((await cli(['retention', 'rules', 'list'], asAdmin(dir))).stdout).toMatch(/1\s+customer_relationship\s+3y\s+last-purchase\s+anonymize/);

    const due = json<{ total: number; items: { profileId: number; name: string; until: string }[] }>(
      (await cli(['retention', 'due', '--json'], asAdmin(dir))).stdout,
    );
    expect(due.total).toBe(1);
    expect(due.items[0]).toMatchObject({ name: 'Marie Tremblay', until: '2022-05-02' });
    const marie = due.items[0]!.profileId;

    const today = new Date().toISOString().slice(0, 10);
    const usable = json<{ total: number; items: { name: string }[] }>(
      (await cli(['profiles', 'list', '--maintain-until-after', today, '--purpose', 'customer_relationship', '--json'], asAdmin(dir))).stdout,
    );
    expect(usable.items.map((item) => item.name)).toEqual(['Zoé Côté']);
    expect((await cli(['retention', 'show', String(marie)], asAdmin(dir))).stdout).toContain('kept until 2022-05-02 — DUE (then anonymize)');

    const hold = await cli(['holds', 'add', String(marie), '--kind', 'audit', '--reason', 'Audit 2026', '--json'], asAdmin(dir));
    const holdId = json<{ id: number }>(hold.stdout).id;
    expect((await cli(['retention', 'due'], asAdmin(dir))).stdout).toContain('Due on');
    expect(json<{ total: number; held: number }>((await cli(['retention', 'due', '--json'], asAdmin(dir))).stdout)).toMatchObject({ total: 0, held: 1 });
    expect((await cli(['holds', 'release', String(holdId)], asAdmin(dir))).code).toBe(0);

    const preview = json<{ token: string; people: number; sweep: { id: number } }>(
      (await cli(['retention', 'sweep', 'preview', '--json'], asAdmin(dir))).stdout,
    );
    expect(preview.people).toBe(1);
    const wrong = await cli(['retention', 'sweep', 'approve', 'not-the-token', '--sweep', String(preview.sweep.id)], asAdmin(dir));
    expect(wrong.code).not.toBe(0);
    const run = json<{ erased: number; certificates: number[] }>(
      (await cli(['retention', 'sweep', 'approve', preview.token, '--sweep', String(preview.sweep.id), '--json'], asAdmin(dir))).stdout,
    );
    expect(run).toMatchObject({ erased: 1, certificates: [1] });
    expect(json<{ total: number }>((await cli(['retention', 'due', '--json'], asAdmin(dir))).stdout).total).toBe(0);
    expect((await cli(['retention', 'sweep', '--due'], asAdmin(dir))).stdout).toBe('No approved sweep is due.\n');
    expect((await cli(['retention', 'sweep', 'list'], asAdmin(dir))).stdout).toMatch(/done\s+1/);
  });
});
