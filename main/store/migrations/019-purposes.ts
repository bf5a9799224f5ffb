import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The purpose catalog (main/consent): what personal data is used for, which of the six lawful bases may
 * support each purpose, and which basis each source relies on for each purpose it declares.
 *
 * `purpose_basis` lists the bases a purpose allows, one row each, so that `source_purpose` can point at
 * the pair: the database itself refuses a source declared with a basis its purpose does not allow, and
 * refuses removing a basis a source still relies on. `notice_version` counts the versions of what people
 * are told about the purpose (its names and descriptions): events copy it, so changing the catalog never
 * rewrites what a past event was about.
 *
 * A new vault starts with a small default catalog an administrator may edit. An existing vault's sources
 * declared free purpose codes with one basis: each code becomes a catalog entry (or joins the default one
 * it names, `customer relationship` → `customer_relationship`) allowing the basis the source used, so that
 * no declaration made before the catalog existed is refused afterwards; an administrator reviews them.
 */
export function migration019(db: Database.Database): void {
  db.exec(`
    CREATE TABLE purpose (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^a-z0-9_]*' AND code GLOB '[a-z]*'),
      name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      name_fr TEXT NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
      description_en TEXT NOT NULL DEFAULT '',
      description_fr TEXT NOT NULL DEFAULT '',
      express_consent INTEGER NOT NULL DEFAULT 0 CHECK (express_consent IN (0, 1)),
      sale_or_sharing INTEGER NOT NULL DEFAULT 0 CHECK (sale_or_sharing IN (0, 1)),
      retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0),
      notice_version INTEGER NOT NULL DEFAULT 1 CHECK (notice_version >= 1),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES app_user (id)
    ) STRICT;
    CREATE INDEX purpose_user ON purpose (updated_by);

    CREATE TABLE purpose_basis (
      purpose_id INTEGER NOT NULL REFERENCES purpose (id) ON DELETE CASCADE,
      basis TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
      PRIMARY KEY (purpose_id, basis)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE source_purpose (
      source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
      purpose_id INTEGER NOT NULL REFERENCES purpose (id),
      basis TEXT NOT NULL,
      PRIMARY KEY (source_id, purpose_id),
      FOREIGN KEY (purpose_id, basis) REFERENCES purpose_basis (purpose_id, basis)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX source_purpose_purpose ON source_purpose (purpose_id, basis);
  `);
  const stamp = new Date().toISOString();
  for (const entry of DEFAULT_CATALOG) addPurpose(db, entry, stamp);
  migrateSourceDeclarations(db, stamp);
}

interface CatalogEntry {
  readonly code: string;
  readonly en: string;
  readonly fr: string;
  readonly descriptionEn: string;
  readonly descriptionFr: string;
  readonly bases: readonly string[];
  readonly express?: boolean;
}

const DEFAULT_CATALOG: readonly CatalogEntry[] = [
  {
    code: 'customer_relationship',
    en: 'Customer relationship',
    fr: 'Relation client',
    descriptionEn: 'Serving customers: orders, deliveries, invoices, after-sales service.',
    descriptionFr: 'Servir la clientèle : commandes, livraisons, factures, service après-vente.',
    bases: ['contract'],
  },
  {
    code: 'legal_records',
    en: 'Legal records',
    fr: 'Obligations légales',
    descriptionEn: 'Records the law requires keeping, such as accounting and tax records.',
    descriptionFr: 'Documents que la loi oblige à conserver, comme la comptabilité et les pièces fiscales.',
    bases: ['legal_obligation'],
  },
  {
    code: 'email_marketing',
    en: 'Email marketing',
    fr: 'Prospection par courriel',
    descriptionEn: 'Newsletters and offers sent by email.',
    descriptionFr: 'Infolettres et offres envoyées par courriel.',
    bases: ['consent'],
  },
  {
    code: 'sms_marketing',
    en: 'SMS marketing',
    fr: 'Prospection par SMS',
    descriptionEn: 'Offers sent by text message.',
    descriptionFr: 'Offres envoyées par texto.',
    bases: ['consent'],
  },
  {
    code: 'profiling',
    en: 'Profiling',
    fr: 'Profilage',
    descriptionEn: 'Analysing purchases and behaviour to personalise offers.',
    descriptionFr: 'Analyse des achats et du comportement pour personnaliser les offres.',
    bases: ['consent'],
  },
  {
    code: 'analytics',
    en: 'Analytics',
    fr: 'Statistiques',
    descriptionEn: 'Measuring how the business and its services are used.',
    descriptionFr: 'Mesure de l’utilisation de l’entreprise et de ses services.',
    bases: ['consent'],
  },
];

function addPurpose(db: Database.Database, entry: CatalogEntry, stamp: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO purpose (code, name_en, name_fr, description_en, description_fr, express_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entry.code, entry.en, entry.fr, entry.descriptionEn, entry.descriptionFr, entry.express ? 1 : 0, stamp, stamp).lastInsertRowid,
  );
  for (const basis of entry.bases) allowBasis(db, id, basis);
  return id;
}

function allowBasis(db: Database.Database, purposeId: number, basis: string): void {
  db.prepare('INSERT OR IGNORE INTO purpose_basis (purpose_id, basis) VALUES (?, ?)').run(purposeId, basis);
}

/**
 * A free purpose text as a catalog code. Frozen here on purpose: a migration must do tomorrow what it did
 * today, whatever main/consent/codes.ts becomes.
 */
export function freeTextCode019(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  if (folded === '') return 'purpose';
  return /^[a-z]/.test(folded) ? folded : `p_${folded}`.slice(0, 64);
}

/** The catalog entry a free code names, created when the catalog lacks it. */
export function purposeForFreeText019(db: Database.Database, text: string, stamp: string): number {
  const code = freeTextCode019(text);
  const found = db.prepare('SELECT id FROM purpose WHERE code = ?').pluck().get(code) as number | undefined;
  if (found !== undefined) return found;
  const name = text.trim().slice(0, 200) || code;
  return addPurpose(db, { code, en: name, fr: name, descriptionEn: '', descriptionFr: '', bases: [] }, stamp);
}

function migrateSourceDeclarations(db: Database.Database, stamp: string): void {
  const sources = db.prepare('SELECT id, purposes, lawful_basis AS basis FROM source ORDER BY id').all() as Array<{
    id: number;
    purposes: string;
    basis: string;
  }>;
  const declare = db.prepare('INSERT OR IGNORE INTO source_purpose (source_id, purpose_id, basis) VALUES (?, ?, ?)');
  for (const source of sources) {
    const codes = JSON.parse(source.purposes) as unknown;
    if (!Array.isArray(codes)) continue;
    for (const text of codes) {
      if (typeof text !== 'string' || text.trim() === '') continue;
      const purposeId = purposeForFreeText019(db, text, stamp);
      allowBasis(db, purposeId, source.basis);
      declare.run(source.id, purposeId, source.basis);
    }
  }
}
