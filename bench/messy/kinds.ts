/**
 * The four exports the issue about lost customers was measured on, as the project's generator writes
 * them, and what the generator's sidecar says an import of each must find.
 */
import type { Format, GenerateStats } from '../generator';

export interface MessyKind {
  readonly format: Format;
  /** How the table names it. */
  readonly label: string;
  /** A new source per kind: nothing learnt from one export colours the next. */
  readonly source: string;
  readonly fileName: string;
}

export const MESSY_KINDS: readonly MessyKind[] = [
  { format: 'till-fr', label: 'till export (cp1252, ;, French)', source: 'Caisse', fileName: 'caisse.csv' },
  { format: 'ndjson', label: 'web shop NDJSON (nested orders)', source: 'Boutique en ligne', fileName: 'boutique.ndjson' },
  { format: 'csv', label: 'CRM CSV', source: 'CRM', fileName: 'crm.csv' },
  { format: 'tsv', label: 'newsletter TSV', source: 'Infolettre', fileName: 'infolettre.tsv' },
];

/** The sidecar the generator writes beside a file (`<file>.counts.json`). */
export interface Sidecar {
  readonly rows: number;
  readonly stats: GenerateStats;
}

/** What an import that loses no one must count, from the generator's own tally. */
export interface Expected {
  readonly anonymous: number;
  /** Records the source should hold: people, not rows. */
  readonly people: number;
}

export function expectedFrom(format: Format, sidecar: Sidecar): Expected {
  const { stats } = sidecar;
  if (format === 'till' || format === 'till-fr') {
    // A card is one customer; a named sale without a usable card is its own until identity resolution.
    return { anonymous: stats.anonymousRows, people: stats.cards + stats.keylessSales };
  }
  // A customer number reused for another person is one record whose later details win (flagged
  // duplicateKey): the generator made two people, the source says one. Exact duplicate rows and
  // unsubscribe rows repeat someone already counted in `customers`.
  return { anonymous: 0, people: stats.customers - stats.duplicateIds };
}
