import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([
  { customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' } },
  { customer: { id: 2, first_name: 'Paul', last_name: 'Martin', email: 'paul@exemple.fr' } },
]);

describe('custodia erase', () => {
  it('previews with a token, commits it, prints and writes the certificate, verifies it; the re-import is suppressed', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'shop.json');
    fs.writeFileSync(file, SHOP);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
    const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout) as { id: number }[];

    const preview = await cli(['erase', 'preview', String(zoe!.id)], asAdmin(dir));
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Erasure of profile \d+: what goes\n\s+records\s+1\n\s+identifiers\s+1\n/);
    const { token } = JSON.parse((await cli(['erase', 'preview', String(zoe!.id), '--json'], asAdmin(dir))).stdout) as { token: string };
    expect(preview.stdout).toContain(`custodia erase commit ${token} --profile ${zoe!.id}`);

    const refused = await cli(['erase', 'commit', 'stale-token', '--profile', String(zoe!.id)], asAdmin(dir));
    expect(refused.code).not.toBe(0);
    const committed = JSON.parse((await cli(['erase', 'commit', token, '--profile', String(zoe!.id), '--json'], asAdmin(dir))).stdout) as {
      id: number;
      hash: string;
      scan: { clean: boolean };
    };
    expect(committed).toMatchObject({ id: 1, scan: { clean: true } });

    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    const pdf = path.join(tempDir(), 'certificat.pdf');
    const written = await cli(['erase', 'certificate', '1', '--out', pdf, '--language', 'fr'], asAuditor(dir));
    expect(written.code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await cli(['erase', 'certificate', '1'], asAdmin(dir))).stdout).toContain(`SHA-256 ${committed.hash}`);
    expect((await cli(['erase', 'verify', String(zoe!.id)], asAdmin(dir))).stdout).toMatch(
      /tombstone empty: yes; certificate hash recomputes: yes; matches the audit trail: yes/,
    );
    // Auditors read certificates; they do not erase.
    expect((await cli(['erase', 'preview', '1'], asAuditor(dir))).code).not.toBe(0);

    const again = await cli(['import', file, '--source', 'Boutique', '--country', 'FR', '--json'], asAdmin(dir));
    expect(JSON.parse(again.stdout)).toMatchObject({ suppressed: 1 });
    expect(
      JSON.parse((await cli(['profiles', 'search', 'martin', '--json'], asAdmin(dir))).stdout).map((hit: { displayName: string }) => hit.displayName),
    ).toEqual(['Paul Martin']);
  });

  it('names the partners that received the person and writes each its notice of erasure', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'shop.json');
    fs.writeFileSync(file, SHOP);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA').format(new Date());
    const folder = tempDir();
    expect((await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
    const signed = await cli(
      [
        'agreements',
        'add',
        '--partner',
        'Envoi',
        '--purpose',
        'customer_relationship',
        '--basis',
        'contract',
        '--fields',
        'email',
        '--from',
        today,
        '--to',
        '2099-12-31',
        '--folder',
        folder,
      ],
      asAdmin(dir),
    );
    expect(signed.code).toBe(0);
    const agreement = signed.stdout.trim();
    const extract = path.join(tempDir(), 'envoi.csv');
    expect((await cli(['extract', 'run', agreement, '--out', extract], asAdmin(dir))).code).toBe(0);
    expect(fs.readFileSync(extract, 'utf8')).toContain('zoe@exemple.fr');

    const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout) as { id: number }[];
    const preview = await cli(['erase', 'preview', String(zoe!.id)], asAdmin(dir));
    expect(preview.stdout).toContain(`sent to partner Envoi (agreement ${agreement}): 1 extract(s)`);
    const { token } = JSON.parse((await cli(['erase', 'preview', String(zoe!.id), '--json'], asAdmin(dir))).stdout) as { token: string };
    const committed = await cli(['erase', 'commit', token, '--profile', String(zoe!.id)], asAdmin(dir));
    expect(committed.stdout).toContain(`partner to notify: Envoi (agreement ${agreement}, 1 extract(s)) — custodia erase letter 1 --agreement ${agreement}`);

    const letter = path.join(tempDir(), 'avis.pdf');
    const written = await cli(['erase', 'letter', '1', '--agreement', agreement, '--out', letter, '--language', 'fr'], asAdmin(dir));
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^Notice to the partner of agreement \d+ written to .*avis\.pdf \(SHA-256 [0-9a-f]{64}\)\.\n$/);
    expect(fs.readFileSync(letter).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await cli(['erase', 'letter', '1', '--agreement', '99', '--out', path.join(tempDir(), 'x.pdf')], asAdmin(dir))).code).not.toBe(0);
  });
});
