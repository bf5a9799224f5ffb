import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function at18(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 18);
  return db;
}

const bases = (db: Database.Database, code: string) =>
  db.prepare('SELECT b.basis FROM purpose_basis b JOIN purpose p ON p.id = b.purpose_id WHERE p.code = ? ORDER BY b.basis').pluck().all(code);

describe('migration 019', () => {
  it('seeds a new vault with the default catalog', () => {
    const db = at18();
    expect(migrate(db, 19)).toEqual([19]);
    expect(db.prepare('SELECT code FROM purpose ORDER BY id').pluck().all()).toEqual([
      'customer_relationship',
      'legal_records',
      'email_marketing',
      'sms_marketing',
      'profiling',
      'analytics',
    ]);
    expect(bases(db, 'customer_relationship')).toEqual(['contract']);
    expect(bases(db, 'legal_records')).toEqual(['legal_obligation']);
    expect(bases(db, 'email_marketing')).toEqual(['consent']);
    expect(db.prepare(`SELECT name_fr FROM purpose WHERE code = 'sms_marketing'`).pluck().get()).toBe('Prospection par SMS');
  });

  it('turns the sources’ free purpose codes into catalog entries declared with the source’s basis', () => {
    const db = at18();
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, purposes, lawful_basis, created_at, updated_at) VALUES
        (1, 'CRM', 'crm', 'file', '["customer relationship", "Fidélité"]', 'contract', 't', 't'),
        (2, 'Shop', 'shop', 'file', '["customer relationship"]', 'legitimate_interests', 't', 't'),
        (3, 'Empty', 'empty', 'file', '[]', 'consent', 't', 't');
    `);
    migrate(db, 19);
    expect(db.prepare('SELECT s.source_id, p.code, s.basis FROM source_purpose s JOIN purpose p ON p.id = s.purpose_id ORDER BY 1, 2').all()).toEqual([
      { source_id: 1, code: 'customer_relationship', basis: 'contract' },
      { source_id: 1, code: 'fidelite', basis: 'contract' },
      { source_id: 2, code: 'customer_relationship', basis: 'legitimate_interests' },
    ]);
    // Nothing declared before the catalog is refused after it: the purpose allows what its sources used.
    expect(bases(db, 'customer_relationship')).toEqual(['contract', 'legitimate_interests']);
    expect(db.prepare(`SELECT name_en, name_fr FROM purpose WHERE code = 'fidelite'`).get()).toEqual({ name_en: 'Fidélité', name_fr: 'Fidélité' });
  });

  it('refuses a source declared with a basis its purpose does not allow, and a bad code', () => {
    const db = at18();
    migrate(db, 19);
    db.exec(`INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'contract', 't', 't')`);
    const id = db.prepare(`SELECT id FROM purpose WHERE code = 'email_marketing'`).pluck().get();
    expect(() => db.prepare(`INSERT INTO source_purpose (source_id, purpose_id, basis) VALUES (1, ?, 'contract')`).run(id)).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO source_purpose (source_id, purpose_id, basis) VALUES (1, ?, 'consent')`).run(id);
    // A basis a source relies on cannot leave the purpose.
    expect(() => db.prepare(`DELETE FROM purpose_basis WHERE purpose_id = ? AND basis = 'consent'`).run(id)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO purpose (code, name_en, name_fr, created_at, updated_at) VALUES ('Bad Code', 'x', 'x', 't', 't')`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO purpose_basis (purpose_id, basis) VALUES (1, 'because')`)).toThrow(/CHECK/);
  });
});
