import type { FileFormat } from '../types';

/** What the first bytes of a file say it is. */
export interface Sniffed {
  readonly format: FileFormat;
  readonly encoding: string;
  /** CSV/TSV only. */
  readonly delimiter: string | null;
  readonly hasBom: boolean;
}
