/**
 * The partners an erased person's data went to: counted in the preview, each told by a letter that cites the
 * extract files and lines (nothing naming the person), listed on a certificate whose hash still verifies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { importPeople, profileOf } from '../consent/test-people';
import { sql } from '../store/sql';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

const NOW = new Date('2026-06-30T12:00:00Z');
let backend: Backend;

const marie = { id: 1, first: 'Marie', last: 'Tremblay', email: 'marie.tremblay@exemple.ca' };
const jean = { id: 2, first: 'Jean', last: 'Gagnon', email: 'jean.gagnon@exemple.ca' };

/** An extract on the register that included these people, at these lines (written as the extract engine does). */
function extractOf(agreementId: number, partnerId: number, fileName: string, people: readonly [number, number][]): number {
  const db = backend.vaults.current().db;
  const id = Number(
    db.run(sql`
      INSERT INTO extract (agreement_id, partner_id, user_id, at, purposes, fields, format, people, excluded, file_name, sha256, bytes, delivered_to)
      VALUES (${agreementId}, ${partnerId}, 1, ${NOW.toISOString()}, '["customer_relationship"]', '["email"]', 'csv', ${people.length}, 0, ${fileName},
        ${'c'.repeat(64)}, 100, 'folder')`).lastInsertRowid,
  );
  for (const [profileId, line] of people) db.run(sql`INSERT INTO disclosure (profile_id, extract_id, line) VALUES (${profileId}, ${id}, ${line})`);
  return id;
}

beforeEach(async () => {
  ({ backend } = await createVault({ now: () => NOW }));
  await importPeople(backend, 'Boutique', [marie, jean]);
});

describe('recipients of an erased person', () => {
  it('are counted in the preview, noted at the commit, listed on the certificate and each told by a letter', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Relation client',
      purposes: ['customer_relationship'],
      basis: 'contract',
      fields: ['email'],
      validFrom: '2026-06-30',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder: tempDir() },
    });
    const marieId = await profileOf(backend, 'Marie');
    const jeanId = await profileOf(backend, 'Jean');
    extractOf(agreement.id, partner.id, 'envoi-a1-20260630.csv', [
      [jeanId, 1],
      [marieId, 2],
    ]);
    extractOf(agreement.id, partner.id, 'envoi-a1-20260701.csv', [[marieId, 7]]);

    const preview = await ok(backend, 'erasure.preview', { profileId: marieId });
    expect(preview.removed.disclosures).toBe(2);
    expect(preview.recipients).toEqual([
      { partnerId: partner.id, partnerName: 'Envoi Québec', agreementId: agreement.id, agreementTitle: 'Relation client', extracts: 2 },
    ]);
    const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId: marieId, token: preview.token }));
    expect(certificate.recipients).toMatchObject([{ partnerId: partner.id, agreementId: agreement.id, extracts: 2, role: 'processor', country: 'CA' }]);

    expect((await ok(backend, 'agreements.get', { id: agreement.id })).erasuresNotified).toBe(1);
    const db = backend.vaults.current().db;
    expect(db.all(sql`SELECT profile_id FROM disclosure ORDER BY profile_id`)).toEqual([{ profile_id: jeanId }]);
    const verification = unwrap(await runJob(backend, 'erasure.verify', { profileId: marieId }));
    expect(verification).toMatchObject({ hashMatches: true, auditMatches: true });

    const out = path.join(tempDir(), 'letter.pdf');
    const letter = await ok(backend, 'erasure.recipientLetter', { certificateId: certificate.id, agreementId: agreement.id, language: 'fr', outFile: out });
    expect(letter.savedTo).toBe(out);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Avis d’effacement');
    expect(text).toContain('envoi-a1-20260630.csv');
    expect(text).toMatch(/envoi-a1-20260701\.csv 2026-06-30 12:00 UTC 7 /);
    expect(text).not.toMatch(/marie|tremblay/i);
    const audit = (await ok(backend, 'audit.list', { limit: 10 })).entries.find((entry: { action: string }) => entry.action === 'erasure.letter_exported');
    expect(audit?.details).toMatchObject({ agreementId: agreement.id, sha256: letter.sha256 });
    expect(fs.existsSync(out)).toBe(true);

    const nobody = await backend.call('erasure.recipientLetter', { certificateId: certificate.id, agreementId: agreement.id + 1 });
    expect(nobody.ok ? null : nobody.error.params).toMatchObject({ reason: 'noRecipient' });
  });

  it('cites the person’s line in the file the extract engine wrote', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Relation client',
      purposes: ['customer_relationship'],
      basis: 'contract',
      fields: ['email', 'familyName'],
      validFrom: '2026-06-30',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder: tempDir() },
    });
    const file = path.join(tempDir(), 'relation.csv');
    const entry = unwrap(await runJob(backend, 'extracts.run', { agreementId: agreement.id, outFile: file }));
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const line = lines.findIndex((text) => text.includes(marie.email));
    expect(line).toBeGreaterThan(0);

    const marieId = await profileOf(backend, 'Marie');
    const preview = await ok(backend, 'erasure.preview', { profileId: marieId });
    const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId: marieId, token: preview.token }));
    const out = path.join(tempDir(), 'letter.pdf');
    await ok(backend, 'erasure.recipientLetter', { certificateId: certificate.id, agreementId: agreement.id, language: 'en', outFile: out });
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // The header is line 0 of the file; the letter counts data rows from 1.
    expect(text).toContain(`${entry.fileName} 2026-06-30 12:00 UTC ${line} `);
    expect(text).not.toMatch(/marie|tremblay/i);
  });

  it('leaves a certificate without recipients hashed as before the partner register', async () => {
    const marieId = await profileOf(backend, 'Marie');
    const preview = await ok(backend, 'erasure.preview', { profileId: marieId });
    expect(preview.recipients).toEqual([]);
    expect(preview.removed.disclosures).toBe(0);
    const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId: marieId, token: preview.token }));
    expect(certificate.recipients).toEqual([]);
    expect(unwrap(await runJob(backend, 'erasure.verify', { profileId: marieId })).hashMatches).toBe(true);
  });
});
