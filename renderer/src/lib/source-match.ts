/**
 * Which source a new file most likely comes from. The wizard used to offer the last source used whatever
 * the file: a till export went into the newsletter's source with its mapping, and every row was rejected.
 * Now a source is offered only when the file has every column its saved mapping reads (its customer
 * number included); among several, the one used last. Otherwise the wizard starts a new source.
 */
import type { Source } from '../../../main/api/contract';

/** Header names compared without surrounding spaces or case: `Courriel ` and `courriel` are one column. */
const fold = (name: string): string => name.trim().toLowerCase();

/** A JSON mapping reads paths (`address.city`, `orders[].total`); the file's headers are its top-level keys. */
function root(column: string): string {
  const cut = column.search(/[.[]/);
  return cut <= 0 ? column : column.slice(0, cut);
}

/** The columns a saved mapping reads from each file: every mapped column and the customer number's. */
export function mappedColumns(mapping: NonNullable<Source['mapping']>): string[] {
  return [...new Set([mapping.recordKey, ...mapping.columns.map((column) => column.column)])];
}

/** True when every column the source's saved mapping reads is among the file's headers. */
export function fitsHeaders(source: Pick<Source, 'mapping'>, headers: readonly string[]): boolean {
  if (!source.mapping) return false;
  const present = new Set(headers.map(fold));
  return mappedColumns(source.mapping).every((column) => present.has(fold(column)) || present.has(fold(root(column))));
}

/** The file source, used last, whose saved mapping fits these headers; null when none does. */
export function sourceForFile<S extends Pick<Source, 'kind' | 'mapping' | 'lastRun' | 'updatedAt'>>(sources: readonly S[], headers: readonly string[]): S | null {
  const recent = (source: S) => source.lastRun?.startedAt ?? source.updatedAt;
  return (
    sources
      .filter((source) => source.kind === 'file' && fitsHeaders(source, headers))
      .sort((a, b) => recent(b).localeCompare(recent(a)))[0] ?? null
  );
}
