import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

describe('custodia report processing', () => {
  it('refuses a name that says no format or another one than --format, and a path in the vault folder, before the vault is opened', async () => {
    const dir = await initVault();
    const out = tempDir();
    expect(await cli(['report', 'processing', '--out', path.join(out, 'report.txt')], asAdmin(dir))).toMatchObject({ code: 2 });
    expect((await cli(['report', 'processing', '--out', path.join(out, 'report.pdf'), '--format', 'csv'], asAdmin(dir))).code).toBe(2);
    expect((await cli(['report', 'processing', '--out', path.join(out, 'report.pdf'), '--language', 'de'], asAdmin(dir))).code).toBe(2);
    expect((await cli(['report', 'processing', '--out', path.join(dir, 'report.pdf')], asAdmin(dir))).stderr).toContain('inside the vault folder');
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('writes the PDF for an administrator and the CSV in French for an auditor, and replaces a file only when told', async () => {
    const dir = await initVault();
    await cli(['requests', 'settings', '--organisation', 'Boutique Gagnon', '--time-zone', 'UTC'], asAdmin(dir));
    await cli(['partners', 'add', 'Mailer Toronto', '--role', 'third-party', '--country', 'CA', '--subdivision', 'ON'], asAdmin(dir));
    const out = tempDir();
    const pdf = path.join(out, 'records.pdf');
    const written = await cli(['report', 'processing', '--out', pdf, '--language', 'en'], asAdmin(dir));
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^Records of processing written to .*records\.pdf: \d+ line item\(s\) \(SHA-256 [0-9a-f]{64}\)\.\n$/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Records of processing activities');
    expect(text).toContain('Mailer Toronto');
    expect((await cli(['report', 'processing', '--out', pdf], asAdmin(dir))).code).toBe(1);

    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    const csv = path.join(out, 'registre.txt');
    const exported = await cli(['report', 'processing', '--out', csv, '--format', 'csv', '--language', 'fr', '--json'], asAuditor(dir));
    expect(exported.code).toBe(0);
    const result = JSON.parse(exported.stdout) as { savedTo: string; items: number };
    expect(result.savedTo).toBe(csv);
    const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\ufeffsection,référence,nom,/);
    expect(lines).toHaveLength(result.items + 1);
    expect(lines.some((line) => line.startsWith('destinataire,1,Mailer Toronto,Tiers,') && line.includes('Manquante'))).toBe(true);
    expect((await cli(['report', 'processing', '--out', csv, '--format', 'csv', '--overwrite'], asAuditor(dir))).code).toBe(0);
  });
});
