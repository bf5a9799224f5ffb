/**
 * The forms a person's identifiers take in the vault. Names are compared folded (accents, case, order of
 * the words), so "TREMBLAY Marie-Ève" and "Marie Eve Tremblay" are one name.
 */
export function foldedName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .sort()
    .join(' ');
}
