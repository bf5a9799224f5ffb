/**
 * The table half of the verification scan: every row of every table (FTS5 shadow tables included) read
 * once, whatever the number of forms, and its text compared in JS. A JS function in the query beats
 * `instr(lower(col), ?)` ORed per form and column: SQLite recomputes `lower()` for each term, and its
 * `lower()` folds ASCII only, where `toLowerCase()` folds É to é as well.
 *
 * A household shares phones, mailboxes and even full names, so a hit is judged by whose row it is in: a row
 * of a record or profile still in the vault that is not the erased person's makes the form "shared"; a row
 * of the erased person, or one that cannot be tied to anybody, is a leak.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { JobControl } from '../../core/job-control';
import { foldForSearch } from '../../ingest/index';
import { SEARCH_TABLES } from '../../store/search-index';
import { MULTI_MATCH_FROM, TextMatcher } from './multi-match';
import type { Needle } from './needles';

export interface TableScanOptions {
  /** The erased person's records and profiles: a hit in their rows is a leak even while the row exists. */
  readonly erasedRecordIds?: Iterable<number>;
  readonly erasedProfileIds?: Iterable<number>;
  /**
   * Places where the erasure keeps an identifier on purpose (say the request register's proof of who
   * asked): a hit there counts as shared, so the page scan does not look for the form either.
   */
  readonly keptIn?: ReadonlyArray<{ readonly table: string; readonly column?: string }>;
  readonly job?: JobControl;
}

export interface TableHit {
  readonly table: string;
  /** A column name, or `*` for what an FTS5 index holds (found through MATCH). */
  readonly column: string;
  /** Rows whose column holds at least one form. */
  readonly rows: number;
  /** Of those, the rows that belong to another person still in the vault. */
  readonly sharedRows: number;
  /** Positions in the forms passed in: never the forms themselves, so a hit can be recorded as is. */
  readonly forms: readonly number[];
}

export interface TableScan {
  readonly tablesScanned: number;
  /** Their names (tables without a column that can hold text are not read, and not listed). */
  readonly tables: readonly string[];
  readonly rowsScanned: number;
  readonly hits: readonly TableHit[];
  /** Forms found only in rows of other people still in the vault (kept in memory, never recorded). */
  readonly sharedForms: readonly string[];
  /** How many forms were found somewhere that is not another person's row. */
  readonly leakedForms: number;
  /**
   * Erased people's search documents that are deleted but whose words are still in the index's segments
   * (listed in a tombstone, waiting for a merge): MATCH no longer shows them, the file still holds them.
   * An FTS5 'optimize' after the deletion clears them.
   */
  readonly ftsResidue: number;
}

type OwnerKind = 'record' | 'profile' | 'fts' | 'none';

interface PlannedTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly owner: OwnerKind;
  readonly ownerColumn: string | null;
  /** For a shadow table, the FTS5 table whose index it stores. */
  readonly fts: string | null;
}

interface RowHit {
  readonly table: string;
  readonly column: string;
  readonly owner: OwnerKind;
  readonly ownerId: number | null;
  readonly fts: string | null;
  readonly keys: readonly number[];
}

const SCAN_FUNCTION = 'custodia_erasure_scan';
/** Which FTS5 tables' rowids are profile ids (ingest's refreshProfile writes them so). */
const FTS_ROWID_IS_PROFILE: ReadonlySet<string> = new Set(SEARCH_TABLES);
const FTS_SHADOW_SUFFIXES = ['_data', '_idx', '_content', '_docsize', '_config'];
/** Cancel is noticed this often inside one table's pass (a million-row table takes seconds). */
const CHECKPOINT_ROWS = 65_536;

export function scanTables(db: Database.Database, forms: readonly Needle[], options: TableScanOptions = {}): TableScan {
  // Comparison is on lower case; positions map back to every input form of the same lower-case key.
  const keys: string[] = [];
  const keyOf = new Map<string, number>();
  const formsOfKey: number[][] = [];
  forms.forEach((needle, index) => {
    const key = needle.form.toLowerCase();
    let at = keyOf.get(key);
    if (at === undefined) {
      at = keys.length;
      keyOf.set(key, at);
      keys.push(key);
      formsOfKey.push([]);
    }
    formsOfKey[at]!.push(index);
  });

  const { tables, fts } = planTables(db);
  const hits: RowHit[] = [];
  let rowsScanned = 0;
  let current: PlannedTable | null = null;
  let sinceCheckpoint = 0;

  // A bulk erasure's thousands of forms are searched in one pass (multi-match.ts); a few, one by one.
  const many = keys.length >= MULTI_MATCH_FROM ? new TextMatcher(keys) : null;
  const matchText = (text: string): number[] | null => {
    const lower = text.toLowerCase();
    if (many !== null) return many.match(lower);
    let found: number[] | null = null;
    for (let key = 0; key < keys.length; key += 1) if (lower.includes(keys[key]!)) (found ??= []).push(key);
    return found;
  };
  db.function(SCAN_FUNCTION, { varargs: true, deterministic: false, directOnly: true }, (owner: unknown, ...values: unknown[]) => {
    if (++sinceCheckpoint >= CHECKPOINT_ROWS) {
      sinceCheckpoint = 0;
      options.job?.checkpoint();
    }
    const table = current!;
    let any = 0;
    for (let column = 0; column < values.length; column += 1) {
      const value = values[column];
      let text: string;
      if (typeof value === 'string') text = value;
      else if (Buffer.isBuffer(value)) text = value.toString('utf8');
      else continue;
      const found = matchText(text);
      if (!found) continue;
      any = 1;
      hits.push({
        table: table.name,
        column: table.columns[column]!,
        owner: table.owner,
        ownerId: typeof owner === 'number' || typeof owner === 'bigint' ? Number(owner) : null,
        fts: table.fts,
        keys: found,
      });
    }
    return any;
  });

  try {
    tables.forEach((table, index) => {
      options.job?.checkpoint();
      options.job?.progress('tables', index, tables.length);
      current = table;
      const args = [table.ownerColumn ? quoteId(table.ownerColumn) : 'NULL', ...table.columns.map(quoteId)].join(', ');
      const counted = db.prepare(`SELECT count(*) AS n, sum(${SCAN_FUNCTION}(${args})) AS hit FROM main.${quoteId(table.name)}`).get() as { n: number };
      rowsScanned += counted.n;
    });
    options.job?.progress('tables', tables.length, tables.length);
  } finally {
    // The connection outlives the scan: the function must not keep the person's forms reachable.
    keys.length = 0;
    db.function(SCAN_FUNCTION, { varargs: true, directOnly: true }, () => 0);
  }

  // What each FTS5 index holds, read through MATCH: its segments store terms prefix-compressed, so the
  // byte search above cannot see them whole. fts5vocab and MATCH both skip deleted documents whose
  // entries are not yet merged away: the tombstones below name those.
  for (const name of fts) hits.push(...ftsHits(db, name, forms, formsOfKey));

  const erasedProfiles = new Set(options.erasedProfileIds ?? []);
  let ftsResidue = 0;
  for (const name of fts) {
    if (!FTS_ROWID_IS_PROFILE.has(name)) continue;
    for (const doc of tombstonedDocs(db, name)) if (erasedProfiles.has(doc)) ftsResidue += 1;
  }
  return { ...summarize(db, hits, forms, formsOfKey, tables.length, rowsScanned, options), tables: tables.map((table) => table.name), ftsResidue };
}

function planTables(db: Database.Database): { tables: PlannedTable[]; fts: string[] } {
  const listed = db.prepare(`SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' ORDER BY name`).all() as Array<{
    name: string;
    type: string;
    strict: number;
  }>;
  const fts = listed
    .filter((table) => table.type === 'virtual')
    .map((table) => table.name)
    .filter((name) => /\busing\s+fts5\b/i.test((db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(name) as string | undefined) ?? ''));
  const tables: PlannedTable[] = [];
  for (const table of listed) {
    // A virtual table's rows live in its shadow tables, which are listed and read as tables of their own.
    if (table.type !== 'table' && table.type !== 'shadow') continue;
    const info = db.prepare(`SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)`).all(table.name) as Array<{
      name: string;
      type: string;
      pk: number;
      hidden: number;
    }>;
    const keyColumns = info.filter((column) => column.pk > 0).length;
    const columns = info
      .filter((column) => {
        // Virtual generated columns are computed from stored ones, which are read anyway.
        if (column.hidden === 1 || column.hidden === 2) return false;
        const type = column.type.toUpperCase();
        // A rowid alias holds an integer whatever the table.
        if (type === 'INTEGER' && column.pk === 1 && keyColumns === 1) return false;
        // STRICT: an INTEGER or REAL column cannot hold text; elsewhere affinity keeps non-numeric text as text.
        return !(table.strict === 1 && (type === 'INTEGER' || type === 'INT' || type === 'REAL'));
      })
      .map((column) => column.name);
    if (columns.length === 0) continue;
    const names = new Set(info.map((column) => column.name));
    const shadowOf = fts.find((name) => FTS_SHADOW_SUFFIXES.some((suffix) => table.name === `${name}${suffix}`)) ?? null;
    let owner: OwnerKind = 'none';
    let ownerColumn: string | null = null;
    if (shadowOf) owner = 'fts';
    else if (table.name === 'source_record') [owner, ownerColumn] = ['record', 'id'];
    else if (table.name === 'profile') [owner, ownerColumn] = ['profile', 'id'];
    else if (names.has('source_record_id')) [owner, ownerColumn] = ['record', 'source_record_id'];
    else if (names.has('profile_id')) [owner, ownerColumn] = ['profile', 'profile_id'];
    tables.push({ name: table.name, columns, owner, ownerColumn, fts: shadowOf });
  }
  return { tables, fts };
}

/** The live documents of an FTS5 table holding every word of a form, one hit per document. */
function ftsHits(db: Database.Database, table: string, forms: readonly Needle[], formsOfKey: readonly number[][]): RowHit[] {
  const vocab = `custodia_scan_vocab`;
  let hasTerm: ((term: string) => boolean) | null = null;
  try {
    db.exec(`DROP TABLE IF EXISTS temp.${vocab}; CREATE VIRTUAL TABLE temp.${vocab} USING fts5vocab(main, ${quoteId(table)}, 'row')`);
    const statement = db.prepare(`SELECT 1 FROM temp.${vocab} WHERE term = ?`).pluck();
    hasTerm = (term) => statement.get(term) !== undefined;
  } catch {
    // A read-only connection (a damaged vault) cannot create the temp table: MATCH alone answers the same.
  }
  const match = db.prepare(`SELECT rowid FROM main.${quoteId(table)} WHERE ${quoteId(table)} MATCH ?`).pluck();
  const byDoc = new Map<number, Set<number>>();
  const queried = new Map<string, number[]>();
  try {
    formsOfKey.forEach((formIndexes, key) => {
      const words = foldForSearch(forms[formIndexes[0]!]!.form)
        .split(' ')
        .filter((word) => word !== '');
      if (words.length === 0) return;
      const query = words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
      let docs = queried.get(query);
      if (docs === undefined) {
        // The vocabulary says at once when a word is in no document, which spares the MATCH.
        docs = hasTerm && !words.every(hasTerm) ? [] : (match.all(query) as Array<number | bigint>).map(Number);
        queried.set(query, docs);
      }
      for (const doc of docs) {
        let keys = byDoc.get(doc);
        if (!keys) byDoc.set(doc, (keys = new Set()));
        keys.add(key);
      }
    });
  } finally {
    if (hasTerm) db.exec(`DROP TABLE IF EXISTS temp.${vocab}`);
  }
  const owner: OwnerKind = FTS_ROWID_IS_PROFILE.has(table) ? 'profile' : 'none';
  return [...byDoc].map(([doc, keys]) => ({ table, column: '*', owner, ownerId: doc, fts: null, keys: [...keys] }));
}

/**
 * The rowids an FTS5 table with contentless_delete has deleted but not yet merged away. Each segment's
 * tombstone hash lives in `<table>_data` at ids of segment number + 65536 shifted left 37 bits (≥ 2^53):
 * byte 0 is the key size (4 or 8), bytes 4–7 the element count, then big-endian rowid slots from byte 8
 * (0 is an empty slot; rowid 0 itself is a flag in byte 1). SQLite's on-disk format since 3.43.
 */
export function tombstonedDocs(db: Database.Database, table: string): Set<number> {
  const docs = new Set<number>();
  const pages = db
    .prepare(`SELECT block FROM main.${quoteId(`${table}_data`)} WHERE id >= 9007199254740992`)
    .pluck()
    .all() as Buffer[];
  for (const page of pages) {
    if (!Buffer.isBuffer(page) || page.length < 8) continue;
    if (page[1] !== 0) docs.add(0);
    const size = page[0] === 4 ? 4 : 8;
    for (let at = 8; at + size <= page.length; at += size) {
      const rowid = size === 4 ? page.readUInt32BE(at) : Number(page.readBigInt64BE(at));
      if (rowid !== 0) docs.add(rowid);
    }
  }
  return docs;
}

function summarize(
  db: Database.Database,
  hits: readonly RowHit[],
  forms: readonly Needle[],
  formsOfKey: readonly number[][],
  tablesScanned: number,
  rowsScanned: number,
  options: TableScanOptions,
): Omit<TableScan, 'tables' | 'ftsResidue'> {
  const erasedRecords = new Set(options.erasedRecordIds ?? []);
  const erasedProfiles = new Set(options.erasedProfileIds ?? []);
  const profileOfRecord = db.prepare(`SELECT m.profile_id FROM source_record r LEFT JOIN profile_member m ON m.source_record_id = r.id WHERE r.id = ?`);
  const profileStatus = db.prepare(`SELECT status FROM profile WHERE id = ?`).pluck();
  const remainingProfile = (id: number | null): boolean => {
    if (id === null || erasedProfiles.has(id)) return false;
    const status = profileStatus.get(id) as string | undefined;
    return status !== undefined && status !== 'erased';
  };
  const cache = new Map<string, boolean>();
  const remaining = (owner: OwnerKind, id: number | null): boolean => {
    if (id === null || (owner !== 'record' && owner !== 'profile')) return false;
    const cacheKey = `${owner}:${id}`;
    let answer = cache.get(cacheKey);
    if (answer === undefined) {
      if (owner === 'profile') answer = remainingProfile(id);
      else {
        const row = profileOfRecord.get(id) as { profile_id: number | null } | undefined;
        // A record no profile holds is still someone's (held for consent): the erased person's are named.
        answer = row !== undefined && !erasedRecords.has(id) && (row.profile_id === null || remainingProfile(row.profile_id));
      }
      cache.set(cacheKey, answer);
    }
    return answer;
  };

  const keyCount = formsOfKey.length;
  const sharedRowsOf = new Array<number>(keyCount).fill(0);
  const leakRowsOf = new Array<number>(keyCount).fill(0);
  const ftsFound = new Map<string, Array<{ shared: number; leak: number }>>();
  for (const hit of hits) {
    if (hit.column !== '*') continue;
    const tally = ftsFound.get(hit.table) ?? Array.from({ length: keyCount }, () => ({ shared: 0, leak: 0 }));
    ftsFound.set(hit.table, tally);
    const shared = remaining(hit.owner, hit.ownerId);
    for (const key of hit.keys) tally[key]![shared ? 'shared' : 'leak'] += 1;
  }

  const grouped = new Map<string, { table: string; column: string; rows: number; sharedRows: number; keys: Set<number> }>();
  const kept = (hit: RowHit): boolean =>
    (options.keptIn ?? []).some((place) => place.table === hit.table && (place.column === undefined || place.column === hit.column));
  for (const hit of hits) {
    let shared: boolean;
    if (kept(hit)) shared = true;
    else if (hit.owner === 'fts') {
      // Index bytes are the index's: shared when the index holds the form only for other people.
      const tally = ftsFound.get(hit.fts!);
      shared = hit.keys.every((key) => (tally?.[key]?.shared ?? 0) > 0 && tally?.[key]?.leak === 0);
    } else shared = remaining(hit.owner, hit.ownerId);
    for (const key of hit.keys) {
      // Index hits only ever accuse: MATCH finds a form's words, not the form, in another person's document.
      if (!shared) leakRowsOf[key]! += 1;
      else if (kept(hit) || (hit.column !== '*' && hit.owner !== 'fts')) sharedRowsOf[key]! += 1;
    }
    const groupKey = `${hit.table}\u0000${hit.column}`;
    const group = grouped.get(groupKey) ?? { table: hit.table, column: hit.column, rows: 0, sharedRows: 0, keys: new Set<number>() };
    grouped.set(groupKey, group);
    group.rows += 1;
    if (shared) group.sharedRows += 1;
    for (const key of hit.keys) group.keys.add(key);
  }

  const sharedForms: string[] = [];
  let leakedForms = 0;
  for (let key = 0; key < keyCount; key += 1) {
    if (leakRowsOf[key]! > 0) leakedForms += formsOfKey[key]!.length;
    else if (sharedRowsOf[key]! > 0) for (const index of formsOfKey[key]!) sharedForms.push(forms[index]!.form);
  }
  return {
    tablesScanned,
    rowsScanned,
    hits: [...grouped.values()].map((group) => ({
      table: group.table,
      column: group.column,
      rows: group.rows,
      sharedRows: group.sharedRows,
      forms: [...group.keys].flatMap((key) => formsOfKey[key]!).sort((a, b) => a - b),
    })),
    sharedForms,
    leakedForms,
  };
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
