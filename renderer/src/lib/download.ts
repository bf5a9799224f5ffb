/**
 * Offers what the page holds as a file download. Works the same in browser mode and in Electron (where the
 * system's save dialog opens); the object URL is released once the click has been handled.
 */
function offer(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text made in the page (a CSV of rejected rows, a recovery code). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  offer(fileName, new Blob([text], { type }));
}

/** Bytes the backend made (an access package), sent as base64. */
export function downloadBase64(fileName: string, base64: string, type = 'application/zip'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  offer(fileName, new Blob([bytes], { type }));
}

/** `clients 2024.csv` → `clients 2024`: the base for names of files derived from it. */
export function withoutExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
