/**
 * One entry point per connector kind that reads batches: each turns a stored position into the batches
 * that follow it, honouring the job's AbortSignal. (The folder connector reads files, one run each: see
 * folder.ts and sync.ts.)
 */
import { assertNever } from '../../core/errors';
import type { ConnectorSpec } from './config';
import type { ReadBatch } from './cursor';
import { readMysql } from './mysql';
import { readPostgres } from './postgres';
import { readRest } from './rest';

export type BatchSpec = Exclude<ConnectorSpec, { kind: 'folder' }>;

export function isBatchSpec(spec: ConnectorSpec): spec is BatchSpec {
  return spec.kind !== 'folder';
}

/** Does the connector remember where it stopped (and read only what changed since)? */
export function isIncremental(spec: BatchSpec): boolean {
  switch (spec.kind) {
    case 'postgres':
    case 'mysql':
      return spec.config.cursorColumn !== undefined;
    case 'rest':
      return spec.config.incremental !== undefined;
    default:
      return assertNever(spec);
  }
}

export function readBatches(spec: BatchSpec, cursor: string | null, signal: AbortSignal, limit?: number): AsyncIterable<ReadBatch> {
  switch (spec.kind) {
    case 'postgres':
      return readPostgres(spec.config, cursor, signal, limit === undefined ? {} : { maxRows: limit });
    case 'mysql':
      return readMysql(spec.config, cursor, signal, limit === undefined ? {} : { maxRows: limit });
    case 'rest':
      return readRest(spec.config, cursor, signal, limit === undefined ? {} : { maxRecords: limit });
    default:
      return assertNever(spec);
  }
}
