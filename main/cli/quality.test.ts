import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';

describe('custodia quality', () => {
  it('counts a source’s flagged values, lists them with the person, and corrects them after a preview', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'crm.csv');
    fs.writeFileSync(file, ['id;prénom;nom;téléphone', '1;Anna;Nowak;601 234 567', '2;Jan;Kowalski;602 345 678', '3;Zoé;Martin;514 555 0199'].join('\n'));
    const run = JSON.parse((await cli(['import', file, '--source', 'CRM', '--country', 'CA', '--json'], asAdmin(dir))).stdout);
    expect(run).toMatchObject({ inserted: 3, rejected: 0, flagged: 2 });

    const summary = await cli(['quality', 'CRM', '--list'], asAdmin(dir));
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/CRM: 2 of 3 records have values kept as sent/);
    expect(summary.stdout).toMatch(/phone\s+phone\s+téléphone\s+2/);
    expect(summary.stdout).toMatch(/Anna Nowak\s+\d+\s+téléphone\s+601 234 567/);
    const json = JSON.parse((await cli(['quality', 'CRM', '--json'], asAdmin(dir))).stdout);
    expect(json).toMatchObject({ sourceName: 'CRM', records: 3, flaggedRecords: 2, counts: [{ field: 'phone', column: 'téléphone', records: 2 }] });

    // Not in a terminal and without --yes: the preview, and nothing changes.
    const refused = await cli(['quality', 'CRM', '--fix-phones', 'PL'], asAdmin(dir));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/2 flagged values looked at: 2 now read \(in 2 records\), 0 still flagged\./);
    expect((await cli(['quality', 'CRM', '--fix-phones', 'PL', '--json'], asAdmin(dir))).code).toBe(2);
    const fixed = JSON.parse((await cli(['quality', 'CRM', '--fix-phones', 'PL', '--yes', '--json'], asAdmin(dir))).stdout);
    expect(fixed).toEqual({ matched: 2, fixed: 2, stillFlagged: 0, records: 2, applied: true });
    expect((await cli(['profiles', 'search', '+48 601 234 567'], asAdmin(dir))).stdout).toMatch(/Anna Nowak/);
    expect((await cli(['quality', 'CRM'], asAdmin(dir))).stdout).toMatch(/CRM: no flagged values in its 3 records\./);
    expect((await cli(['quality', 'CRM', '--column', 'x'], asAdmin(dir))).code).toBe(2);
    expect((await cli(['quality', 'Nope'], asAdmin(dir))).stderr).toMatch(/there is no source named Nope/);
  });
});
