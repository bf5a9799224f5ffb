/**
 * Test and benchmark helper: a vault filled straight through SQL with `count` people of one record each
 * (names, birth date, address, email and phone), from a source that declares email marketing on consent;
 * every other person granted it (the rest never answered). What is timed or killed is the extract, not an import.
 */
import type { SqlRunner } from '../../store/sql';

export function fillPeople(raw: SqlRunner['raw'], count: number): void {
  const stamp = '2026-06-01T10:00:00.000Z';
  raw.transaction(() => {
    raw.exec(`
      INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
      INSERT INTO source (id, name, name_folded, kind, purposes, lawful_basis, created_at, updated_at) VALUES (1, 'Infolettre', 'infolettre', 'file', '[]', 'consent', '${stamp}', '${stamp}');
      INSERT INTO source_purpose (source_id, purpose_id, basis) SELECT 1, id, 'consent' FROM purpose WHERE code = 'email_marketing';
      INSERT INTO import_run (id, source_id, started_at, finished_at, status) VALUES (1, 1, '${stamp}', '${stamp}', 'completed');
      CREATE TEMP TABLE fill_person AS
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
        SELECT i, 'Prénom' || i AS given, 'Nom' || i AS family, printf('%07d', i) AS digits FROM n;
      INSERT INTO profile (id, display_name, sort_key, created_at, updated_at)
        SELECT i, given || ' ' || family, lower('nom' || i || ' prenom' || i), '${stamp}', '${stamp}' FROM fill_person;
      INSERT INTO source_record (id, source_id, external_id, content_hash, given_name, family_name, street, city, postal_code, region, country, birth_date, raw, first_run, last_run, created_at, updated_at)
        SELECT i, 1, 'C-' || i, 'h', given, family, (i % 900 + 1) || ' rue Principale', 'Montréal', 'H' || (i % 10) || 'A ' || (i % 10) || 'B' || (i % 7), 'QC', 'CA',
          date('1940-01-01', '+' || (i * 7919 % 23000) || ' days'), '{}', 1, 1, '${stamp}', '${stamp}' FROM fill_person;
      INSERT INTO profile_member (source_record_id, profile_id, how, added_at) SELECT i, i, 'import', '${stamp}' FROM fill_person;
      INSERT INTO identifier (source_record_id, kind, value, raw)
        SELECT i, 'email', 'p' || i || '@exemple.ca', 'p' || i || '@exemple.ca' FROM fill_person
        UNION ALL SELECT i, 'phone', '+1514' || digits, '514 ' || substr(digits, 1, 3) || '-' || substr(digits, 4) FROM fill_person ORDER BY 1;
      INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, raw, run_id)
        SELECT i, (SELECT id FROM purpose WHERE code = 'email_marketing'), 'grant', '2026-03-01T10:00:00.000Z', '${stamp}', 1, 'import', 'oui', 1
        FROM fill_person WHERE i % 2 = 0;
      DROP TABLE temp.fill_person;`);
  })();
}
