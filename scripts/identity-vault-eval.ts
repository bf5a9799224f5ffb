/**
 * The evaluation through the product's own path: each Febrl-format file is imported into a fresh vault as a
 * source (rec_id as the customer number, the other columns mapped as a steward would), identities are
 * resolved with the DEFAULT settings, and the clustering is read back from the export a user would take
 * (`profiles.export`: source, source_record_id, profile_id). The truth is the entity in rec_id, read from
 * the files by the evaluation alone: the vault only ever sees rec_id as an opaque key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';
import type { ResolveSummary } from '../main/api/contract';
import type { Mapping } from '../main/ingest/mapping/fields';

export interface VaultEvaluation {
  /** Cluster of each record (profile id), in file order, records of all files. */
  clusterOf: Int32Array;
  truth: string[];
  summary: ResolveSummary;
  importMs: number;
  exportFile: string;
}

const FEBRL_FIELDS: Readonly<Record<string, Mapping['columns'][number]['field']>> = {
  rec_id: 'sourceRecordId',
  given_name: 'givenName',
  surname: 'familyName',
  street_number: 'street',
  address_1: 'street',
  address_2: 'street',
  suburb: 'city',
  postcode: 'postalCode',
  state: 'region',
  date_of_birth: 'birthDate',
  soc_sec_id: 'nationalId',
  email: 'email',
  phone_number: 'phone',
};

const STATES: readonly [string, readonly string[]][] = [
  ['AU', ['nsw', 'vic', 'qld', 'wa', 'sa', 'tas', 'act', 'nt']],
  ['CA', ['qc', 'on', 'bc', 'ab', 'mb', 'sk', 'ns', 'nb', 'nl', 'pe', 'yt', 'nu']],
];

/**
 * The country a file's `state` column speaks of (Febrl is Australian; a Quebec export says QC), for reading
 * national phone numbers and postal codes as a steward would set the source's country. AU when it says nothing.
 */
function countryOfStates(states: readonly string[]): string {
  let best = { country: 'AU', count: 0 };
  for (const [country, codes] of STATES) {
    const count = states.filter((state) => codes.includes(state.toLowerCase())).length;
    if (count > best.count) best = { country, count };
  }
  return best.country;
}

/** Febrl's ", " separator, read as the comma-separated file it is, with its values trimmed and a column dropped. */
function cleanCopy(file: string, drop: string | undefined, dir: string): { file: string; keys: string[]; headers: string[]; states: string[] } {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const header = (lines[0] as string).split(',').map((cell) => cell.trim());
  const kept = header.map((name, index) => ({ name, index })).filter(({ name }) => name !== drop && name !== 'household_id');
  const rows = lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    return kept.map(({ index }) => cells[index] ?? '').join(',');
  });
  const copy = path.join(dir, path.basename(file));
  fs.writeFileSync(copy, rows.join('\n') + '\n');
  const keyAt = header.indexOf('rec_id');
  const stateAt = header.indexOf('state');
  const column = (at: number): string[] => (at < 0 ? [] : lines.slice(1).map((line) => (line.split(',')[at] ?? '').trim()));
  return { file: copy, keys: column(keyAt), headers: kept.map(({ name }) => name), states: column(stateAt) };
}

/** The last `share` of a file's rows as a second file (the header on both): records that arrive after a resolution. */
function splitTail(file: string, share: number): { head: string; tail: string } {
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const cut = 1 + Math.round((lines.length - 1) * (1 - share));
  const head = file.replace(/\.csv$/, '') + '.head.csv';
  const tail = file.replace(/\.csv$/, '') + '.tail.csv';
  fs.writeFileSync(head, lines.slice(0, cut).join('\n') + '\n');
  fs.writeFileSync(tail, [lines[0], ...lines.slice(cut)].join('\n') + '\n');
  return { head, tail };
}

export interface HeldBack {
  file: string;
  name: string;
  mapping: Mapping;
}

/**
 * Imports Febrl-format files into an unlocked vault, one source each, through the normal import path (also the
 * identity benchmark's way of filling a vault). Returns each source's name and its rec_id column, in file order.
 * With `holdBack`, that share of each file's last rows is not imported but listed in `heldBack`, for later.
 */
export async function importFebrlFiles(
  backend: Backend,
  files: readonly string[],
  options: { drop?: string; country?: string; work: string; holdBack?: number; heldBack?: HeldBack[] },
): Promise<{ name: string; keys: string[] }[]> {
  const sources: { name: string; keys: string[] }[] = [];
  for (const [index, original] of files.entries()) {
    const copy = cleanCopy(original, options.drop, options.work);
    const name = `${index + 1} ${path.basename(original, path.extname(original))}`;
    const columns = copy.headers.flatMap((column) => (FEBRL_FIELDS[column] === undefined ? [] : [{ column, field: FEBRL_FIELDS[column] }]));
    const mapping: Mapping = { version: 1, columns, recordKey: 'rec_id', dateFormat: 'YYYY-MM-DD', birthDateFormat: 'YYYYMMDD', defaultCountry: options.country ?? countryOfStates(copy.states) };
    let file = copy.file;
    if (options.holdBack !== undefined) {
      const parts = splitTail(copy.file, options.holdBack);
      file = parts.head;
      options.heldBack?.push({ file: parts.tail, name, mapping });
    }
    const run = unwrap(await runJob(backend, 'import.file', { file, source: name, mapping, options: { delimiter: ',' } }));
    if (run.rejected > 0) process.stderr.write(`${name}: ${run.rejected} rows rejected\n`);
    sources.push({ name, keys: copy.keys });
  }
  return sources;
}

/**
 * `incremental`: the share of each file's rows held back, imported after the resolution so that the import's
 * own incremental link places them (the clustering scored is then full run + incremental links).
 */
export async function evaluateThroughVault(files: readonly string[], options: { drop?: string; outDir?: string; country?: string; incremental?: number }): Promise<VaultEvaluation> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-eval-'));
  const backend = new Backend({ vaultDir: path.join(work, 'vault') });
  try {
    unwrap(await backend.call('vault.create', { adminName: 'Evaluation', passphrase: 'evaluation passphrase only' }));
    const started = performance.now();
    const later: HeldBack[] = [];
    const sources = await importFebrlFiles(backend, files, { ...options, work, ...(options.incremental === undefined ? {} : { holdBack: options.incremental, heldBack: later }) });
    const importMs = performance.now() - started;
    const summary = unwrap(await runJob(backend, 'identity.resolve', {}));
    for (const { file, name, mapping } of later) unwrap(await runJob(backend, 'import.file', { file, source: name, mapping, options: { delimiter: ',' } }));
    if (later.length > 0) summary.profilesAfter = unwrap(await backend.call('profiles.count', {})).profiles;
    const outDir = options.outDir ?? work;
    fs.mkdirSync(outDir, { recursive: true });
    const exportFile = path.join(outDir, 'profiles.csv');
    unwrap(await backend.call('profiles.export', { outFile: exportFile, overwrite: true }));
    const profileOf = new Map<string, number>();
    for (const line of fs.readFileSync(exportFile, 'utf8').split(/\r?\n/).slice(1)) {
      const match = /^(.*),([^,]*),(\d+)$/.exec(line);
      if (match) profileOf.set(`${match[1]}\u0000${match[2]}`, Number(match[3]));
    }
    const clusterOf: number[] = [];
    const truth: string[] = [];
    for (const source of sources) {
      for (const key of source.keys) {
        const profile = profileOf.get(`${source.name}\u0000${key}`);
        if (profile === undefined) throw new Error(`record ${key} of ${source.name} is not in the export: the vault lost it`);
        clusterOf.push(profile);
        truth.push(/^rec-(\d+)-/.exec(key)?.[1] ?? key);
      }
    }
    return { clusterOf: Int32Array.from(clusterOf), truth, summary, importMs, exportFile };
  } finally {
    backend.close();
    if (options.outDir === undefined) fs.rmSync(work, { recursive: true, force: true });
  }
}
