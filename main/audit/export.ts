/**
 * Audit export for auditors: the entries as CSV and JSON, plus a checkpoint file (position and head
 * hash of the whole chain) that the auditor keeps outside the vault. Files are streamed page by page,
 * so a million entries never sit in memory at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { SessionUser } from '../vault/contract';
import type { AuditFilter, Checkpoint } from './contract';
import type { JobControl } from '../core/job-control';
import { ensureOutputDir, OutputFile, writeOutputFile } from '../platform/output-file';
import { yieldToEventLoop } from '../jobs/index';
import type { AuditLog, AuditRow } from './audit-log';
import { signCheckpoint } from './checkpoint';
import type crypto from 'node:crypto';

const PAGE = 10_000;
const CSV_COLUMNS = ['seq', 'at', 'actor_id', 'actor_name', 'action', 'object_type', 'object_id', 'details', 'prev_hash', 'hash'] as const;

export interface ExportResult {
  readonly files: string[];
  readonly checkpoint: Checkpoint;
  readonly checkpointFile: string;
  readonly entries: number;
}

/** `action=import.completed; actorId=3`, in the filter's own key order; `none` when nothing narrows the export. */
export function filterText(filter: AuditFilter): string {
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length ? parts.join('; ') : 'none';
}

/** The filter as audit details (`filterAction`, `filterActorId`…): an export entry says what it left out. */
export function filterDetails(filter: AuditFilter): Record<string, string | number> {
  const details: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    details[`filter${key.charAt(0).toUpperCase()}${key.slice(1)}`] = value as string | number;
  }
  return details;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export async function exportAudit(
  audit: AuditLog,
  options: { outDir: string; filter: AuditFilter; user: SessionUser; signingKey: crypto.KeyObject | null; now: Date; job: JobControl },
): Promise<ExportResult> {
  const { outDir, filter, job } = options;
  ensureOutputDir(outDir);
  // The head is read first: entries appended during the export belong to the next one.
  const head = audit.head();
  const total = audit.count(filter);
  const base = path.join(outDir, `custodia-audit-${stamp(options.now)}`);
  const csvFile = `${base}.csv`;
  const jsonFile = `${base}.json`;
  const checkpointFile = `${base}.checkpoint.json`;

  const checkpoint: Checkpoint = {
    format: 'custodia-checkpoint/1',
    vaultId: audit.vaultId,
    seq: head.seq,
    headHash: head.hash,
    entryCount: head.seq,
    takenAt: options.now.toISOString(),
    takenBy: { id: options.user.id, name: options.user.name, role: options.user.role },
  };
  const finalCheckpoint = options.signingKey ? signCheckpoint(checkpoint, options.signingKey) : checkpoint;

  // The names carry the time to the millisecond, so an existing file means a second export in the same
  // instant or a file put there by hand: either way it is not replaced.
  const csv = OutputFile.open(csvFile);
  let json: OutputFile;
  try {
    json = OutputFile.open(jsonFile);
  } catch (error) {
    csv.abort();
    throw error;
  }
  const committed: string[] = [];
  let written = 0;
  try {
    // A comment line first: a filtered CSV read on its own must not pass for the whole trail.
    csv.write(`# custodia-audit-export/1; head #${head.seq}; filter: ${filterText(filter).replace(/[\r\n]/g, ' ')}\r\n`);
    csv.write(`${CSV_COLUMNS.join(',')}\r\n`);
    json.write(
      `{"format":"custodia-audit-export/1","vaultId":${JSON.stringify(audit.vaultId)},"exportedAt":${JSON.stringify(checkpoint.takenAt)},` +
        `"headSeq":${head.seq},"headHash":${JSON.stringify(head.hash)},"filter":${JSON.stringify(filter)},"entries":[`,
    );
    for (const rows of audit.pages(filter, PAGE)) {
      const inRange = rows.filter((row) => row.seq <= head.seq);
      if (inRange.length === 0) break;
      csv.write(Papa.unparse(inRange.map(csvRow), { header: false, newline: '\r\n', escapeFormulae: true }) + '\r\n');
      json.write((written === 0 ? '\n' : ',\n') + inRange.map(jsonRow).join(',\n'));
      written += inRange.length;
      job.progress('export', written, total);
      job.checkpoint();
      await yieldToEventLoop();
      if (inRange.length < rows.length) break;
    }
    json.write('\n]}\n');
    committed.push(csv.commit());
    committed.push(json.commit());
    writeOutputFile(checkpointFile, `${JSON.stringify(finalCheckpoint, null, 2)}\n`);
  } catch (error) {
    csv.abort();
    json.abort();
    // A file committed before the failure is removed too: an export is its three files or nothing.
    for (const file of committed) fs.rmSync(file, { force: true });
    throw error;
  }
  return { files: [csvFile, jsonFile, checkpointFile], checkpoint: finalCheckpoint, checkpointFile, entries: written };
}

function csvRow(row: AuditRow & { actor_name: string | null }): (string | number | null)[] {
  return CSV_COLUMNS.map((column) => row[column]);
}

function jsonRow(row: AuditRow & { actor_name: string | null }): string {
  return (
    `{"seq":${row.seq},"at":${JSON.stringify(row.at)},"actorId":${row.actor_id ?? 'null'},"actorName":${JSON.stringify(row.actor_name)},` +
    `"action":${JSON.stringify(row.action)},"objectType":${JSON.stringify(row.object_type)},"objectId":${JSON.stringify(row.object_id)},` +
    `"details":${row.details},"prevHash":${JSON.stringify(row.prev_hash)},"hash":${JSON.stringify(row.hash)}}`
  );
}
