/**
 * How many rows a file holds, guessed from its size and the preview's rows: it gives the progress bar a
 * total and tells a large first import from a small one (see run-batches.ts). A table row is sized as
 * its cells joined by the delimiter in the file's encoding, a JSON record as its JSON text. A workbook
 * is compressed, so its size says nothing, but it is loaded whole and its row count is known.
 */
import type { FilePreview } from '../types';

function rowBytes(preview: FilePreview, values: Readonly<Record<string, unknown>>): number {
  if (preview.format === 'csv' || preview.format === 'tsv') {
    const line = Object.values(values)
      .map((value) => (value == null ? '' : String(value)))
      .join(preview.delimiter ?? ',');
    const unitBytes = preview.encoding.startsWith('utf-16') ? 2 : 1;
    return (preview.encoding.startsWith('utf-16') ? line.length : Buffer.byteLength(line, 'utf8')) * unitBytes + unitBytes;
  }
  return Buffer.byteLength(JSON.stringify(values), 'utf8') + 1;
}

export function estimateRows(preview: FilePreview, fileBytes: number): number | null {
  if (preview.rowCount !== undefined) return preview.rowCount;
  if (preview.format === 'xlsx' || preview.rows.length === 0) return null;
  const sample = preview.rows.reduce((sum, row) => sum + rowBytes(preview, row.values), 0) / preview.rows.length;
  return Math.max(preview.rows.length, Math.round(fileBytes / Math.max(1, sample)));
}
