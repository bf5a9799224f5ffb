import type { Purpose } from '../../../main/api/contract';

/** A catalog purpose's name in the interface's language; its code when the catalog did not answer. */
export function purposeName(purpose: Pick<Purpose, 'nameEn' | 'nameFr'> | undefined, code: string, language: string): string {
  if (purpose === undefined) return code;
  return language.startsWith('fr') ? purpose.nameFr : purpose.nameEn;
}
