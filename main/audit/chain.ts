/**
 * The hash chain of DESIGN §5: hash = SHA-256(previous hash ‖ canonical JSON of the entry). The canonical
 * text is what the table stores, so verification reads it and hashes it, nothing more: that is what keeps
 * a million-entry check within seconds.
 */
import crypto from 'node:crypto';

export interface ChainFields {
  readonly seq: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  /** Canonical JSON text of the details. */
  readonly details: string;
}

export function genesisHash(vaultId: string): string {
  return crypto.createHash('sha256').update(`custodia-audit-genesis:${vaultId}`).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Keys in alphabetical order, matching canonicalJson of the same object. */
export function canonicalEntry(entry: ChainFields): string {
  return (
    `{"action":${JSON.stringify(entry.action)},"actor":${entry.actorId === null ? 'null' : entry.actorId}` +
    `,"at":${JSON.stringify(entry.at)},"details":${entry.details}` +
    `,"objectId":${entry.objectId === null ? 'null' : JSON.stringify(entry.objectId)}` +
    `,"objectType":${entry.objectType === null ? 'null' : JSON.stringify(entry.objectType)},"seq":${entry.seq}}`
  );
}

export function entryHash(prevHash: string, canonical: string): string {
  // One-shot hashing is several times faster than createHash() for inputs this small.
  return crypto.hash('sha256', prevHash + canonical, 'hex');
}
